import { fiscalYearOf } from '@mamori/contracts';
import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { loadCatalogues } from '../../i18n/modules';
import { useTasks } from './api';

/** For the home page: the signed-in person's open plan tasks (the next five), with a link to all of them. */
export function MyPlanTasksCard() {
  const { t, i18n } = useTranslation();
  const canRead = useCan('plans:read');
  useEffect(() => void loadCatalogues(['plans']), []);
  const tasks = useTasks({ fiscalYear: fiscalYearOf(new Date()), mine: true, status: 'open', limit: 50 }, canRead);
  if (!canRead || !tasks.data || tasks.data.items.length === 0) return null;
  const items = tasks.data.items;
  const late = items.filter((x) => x.late).length;
  return (
    <Card withBorder data-testid="my-plan-tasks">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('plans.card')}</Text>
          <Group gap={4}>
            <Badge>{t('plans.cardOpen', { n: items.length })}</Badge>
            {late > 0 && <Badge color="red">{t('plans.cardLate', { n: late })}</Badge>}
          </Group>
        </Group>
        {items.slice(0, 5).map((x) => (
          <Text key={x.id} size="sm" c={x.late ? 'red' : undefined}>
            {x.dueDate} · {i18n.language === 'ja' ? x.activity.title.ja : x.activity.title.en} (
            {i18n.language === 'ja' ? x.unit.name.ja : x.unit.name.en})
          </Text>
        ))}
        <Anchor component={Link} to="/plan-tasks" size="sm">
          {t('plans.cardAll')}
        </Anchor>
      </Stack>
    </Card>
  );
}

import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMinute } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useAttention } from './api';
import { DrillLink } from './DrillLink';

/** "Needs my attention": what waits on me across modules, due first; one column, so it reads the same on a phone. */
export function AttentionPanel({ limit = 10 }: { limit?: number }) {
  const { t, i18n } = useTranslation();
  const q = useAttention(limit);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="attention-title" data-testid="attention">
      <Title order={3} size="h4" id="attention-title" mb="sm">
        {t('reportsUi.attention.title')}
      </Title>
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && q.data.items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('reportsUi.attention.none')}
        </Text>
      )}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {q.data?.items.map((i) => (
          <li key={`${i.domain}:${i.kind}:${i.id}`} data-testid="attention-item">
            <Group gap="xs" wrap="wrap">
              <Badge variant="light" color={i.overdue ? 'red' : 'gray'}>
                {t(`attention.kinds.${i.kind}`)}
              </Badge>
              <DrillLink href={i.href}>{i.title}</DrillLink>
              {i.dueAt && (
                <Text size="xs" c={i.overdue ? 'red.8' : 'dimmed'}>
                  {i.overdue ? t('reportsUi.attention.overdue') : t('reportsUi.attention.due')}{' '}
                  {formatMinute(i.dueAt, i18n.language)}
                </Text>
              )}
            </Group>
          </li>
        ))}
      </Stack>
      {q.data?.more && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('reportsUi.attention.more')}
        </Text>
      )}
    </Paper>
  );
}

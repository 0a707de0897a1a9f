import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useAssessments } from './assessments-api';

/** The assessments in reach, newest first, with their open and overdue findings. */
export function AssessmentsPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const list = useAssessments();
  return (
    <Stack>
      <Title order={2}>{t('assessmentPages.title')}</Title>
      <Text size="sm">{t('assessmentPages.intro')}</Text>
      <ProblemAlert error={list.error} />
      <Stack gap="xs" data-testid="assessments-list">
        {list.items.map((a) => (
          <Group key={a.id} justify="space-between" wrap="wrap" gap="xs" data-testid="assessment-row">
            <Stack gap={0} style={{ minWidth: 0, flex: '1 1 16rem' }}>
              <Anchor
                component={Link}
                to={`/assessments/${a.id}`}
                style={{ overflowWrap: 'anywhere' }}
                data-testid="assessment-link"
              >
                {a.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t(`assessmentPages.kind.${a.kind}`)} · {name(a.unit)} · {t('assessmentPages.runsCount', { count: a.runs })}
                {a.lastRunAt ? ` · ${a.lastRunAt.slice(0, 10)}` : ''}
              </Text>
            </Stack>
            <Group gap={4}>
              <Badge color="gray" variant="light">
                {t('assessmentPages.open', { count: a.openFindings })}
              </Badge>
              {a.overdueFindings > 0 && (
                <Badge color="red" variant="light" data-testid="assessment-overdue">
                  {t('assessmentPages.overdueCount', { count: a.overdueFindings })}
                </Badge>
              )}
            </Group>
          </Group>
        ))}
      </Stack>
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('assessmentPages.none')}</Text>}
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Stack>
  );
}

import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { useBoard } from './api';
import { FindingStateBadge, FindingTypeBadge, useName } from './badges';

/** The corrective-action board: nonconformities waiting for an answer, under way and closed, overdue first. */
export function BoardPage() {
  const { t } = useTranslation();
  const name = useName();
  const board = useBoard();
  return (
    <Stack>
      <Title order={2}>{t('audits.board')}</Title>
      <ProblemAlert error={board.error} />
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {(board.data?.columns ?? []).map((c) => (
          <Stack key={c.state} gap="xs" data-testid={`board-${c.state}`}>
            <Title order={4}>
              {t(`audits.findingStates.${c.state}`)} ({c.total})
            </Title>
            {c.items.map((f) => (
              <Card withBorder padding="sm" key={f.id} data-testid="board-card">
                <Anchor component={Link} to={`/audit-findings/${f.id}`}>
                  {name(f.unit.name)} — {t('audits.finding', { n: f.number })}
                </Anchor>
                <div>
                  <FindingTypeBadge type={f.type} /> <FindingStateBadge state={f.state} overdue={f.overdue} />
                </div>
                <Text size="sm" lineClamp={2}>
                  {f.statement}
                </Text>
                {f.dueDate && (
                  <Text size="xs" c={f.overdue ? 'red' : 'dimmed'}>
                    {t('audits.due')}: {f.dueDate}
                  </Text>
                )}
              </Card>
            ))}
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

import { fiscalYearLabel, fiscalYearOf } from '@mamori/contracts';
import { Anchor, Badge, Button, Card, Group, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useLateUnits, useProgress, type PlanProgress } from './api';

type Row = PlanProgress['rows'][number];
const pct = (done: number, total: number) => (total ? Math.round((done / total) * 1000) / 10 : 0);

/** One row as a bar: done in green, late in red, the rest grey; the figures beside it. */
function Bar({ row, onClick, testId }: { row: Row; onClick?: () => void; testId?: string }) {
  const { t, i18n } = useTranslation();
  const name = i18n.language === 'ja' ? row.name.ja : row.name.en;
  return (
    <Stack gap={2} data-testid={testId}>
      <Group justify="space-between" wrap="nowrap">
        {onClick ? (
          <Anchor component="button" type="button" onClick={onClick} size="sm" ta="left">
            {name}
          </Anchor>
        ) : (
          <Text size="sm">{name}</Text>
        )}
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {row.done}/{row.total} · {t('plans.rate', { rate: pct(row.done, row.total) })}
          {row.late > 0 && ` · ${t('plans.lateCount', { n: row.late })}`}
        </Text>
      </Group>
      <Progress.Root size="lg">
        <Progress.Section
          value={pct(row.done, row.total)}
          color="green"
          aria-label={`${name}: ${t('plans.rate', { rate: pct(row.done, row.total) })}`}
        />
        <Progress.Section
          value={pct(row.late, row.total)}
          color="red"
          aria-label={`${name}: ${t('plans.lateCount', { n: row.late })}`}
        />
      </Progress.Root>
    </Stack>
  );
}

/** Plan versus actual: per site with drill-down to its units, per activity, over the year, and the late units. */
export function PlanProgressPage() {
  const { t, i18n } = useTranslation();
  const current = fiscalYearOf(new Date());
  const [fy, setFy] = useState(current);
  const [site, setSite] = useState<Row | null>(null);
  const bySite = useProgress(fy, site ? 'unit' : 'site', site?.key === 'none' ? null : site?.key);
  const byActivity = useProgress(fy, 'activity');
  const byMonth = useProgress(fy, 'month');
  const late = useLateUnits(fy);
  const ja = i18n.language === 'ja';
  const totals = byActivity.data?.totals;
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('plans.progressTitle')}</Title>
        <Group>
          <Select
            aria-label={t('plans.fiscalYear')}
            value={String(fy)}
            onChange={(v) => v && (setFy(Number(v)), setSite(null))}
            data={[current - 1, current, current + 1].map((y) => ({
              value: String(y),
              label: fiscalYearLabel(y, i18n.language),
            }))}
            w={140}
            allowDeselect={false}
            data-testid="plan-progress-fy"
          />
          <Button
            component="a"
            variant="light"
            href={buildUrl('/plan-progress/progress.xlsx', { fiscalYear: fy, lang: ja ? 'ja' : 'en' })}
            data-testid="plan-progress-xlsx"
          >
            {t('plans.xlsx')}
          </Button>
        </Group>
      </Group>
      {totals && (
        <Group>
          <Badge size="lg" color="green">
            {t('plans.rate', { rate: pct(totals.done, totals.total) })}
          </Badge>
          <Text size="sm">
            {t('plans.done')} {totals.done} / {t('plans.total')} {totals.total}
          </Text>
          <Badge size="lg" color={totals.late ? 'red' : 'gray'}>
            {t('plans.lateCount', { n: totals.late })}
          </Badge>
        </Group>
      )}
      <ProblemAlert error={bySite.error ?? byActivity.error} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder data-testid="plan-progress-sites">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>{site ? t('plans.byUnit', { site: ja ? site.name.ja : site.name.en }) : t('plans.bySite')}</Text>
            {site && (
              <Anchor component="button" type="button" size="sm" onClick={() => setSite(null)}>
                {t('plans.backToSites')}
              </Anchor>
            )}
          </Group>
          <Stack gap="sm">
            {(bySite.data?.rows ?? []).map((r) => (
              <Bar key={r.key} row={r} testId="plan-progress-site" onClick={site ? undefined : () => setSite(r)} />
            ))}
          </Stack>
        </Card>
        <Card withBorder data-testid="plan-progress-activities">
          <Text fw={600} mb="xs">
            {t('plans.byActivity')}
          </Text>
          <Stack gap="sm">
            {(byActivity.data?.rows ?? []).map((r) => (
              <Bar key={r.key} row={r} />
            ))}
          </Stack>
        </Card>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('plans.byMonth')}
          </Text>
          <Stack gap={4}>
            {(byMonth.data?.rows ?? []).map((r) => (
              <Group key={r.key} gap="xs" wrap="nowrap">
                <Text size="xs" w={70}>
                  {ja ? r.name.ja : r.name.en}
                </Text>
                <Progress.Root style={{ flex: 1 }}>
                  <Progress.Section
                    value={pct(r.cumulativeDone ?? 0, r.total)}
                    aria-label={`${ja ? r.name.ja : r.name.en} ${t('plans.cumulative')}`}
                  />
                </Progress.Root>
                <Text size="xs" w={90} ta="right">
                  {r.cumulativeDone ?? 0} {r.late > 0 && `(${t('plans.lateCount', { n: r.late })})`}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
        <Card withBorder data-testid="plan-late-units">
          <Text fw={600} mb="xs">
            {t('plans.lateUnits')}
          </Text>
          <Stack gap={4}>
            {(late.data?.items ?? []).map((u) => (
              <Group key={u.unit.id} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {ja ? u.unit.name.ja : u.unit.name.en}
                  {u.site && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({ja ? u.site.name.ja : u.site.name.en})
                    </Text>
                  )}
                </Text>
                <Text size="xs" c="red" style={{ whiteSpace: 'nowrap' }}>
                  {t('plans.lateCount', { n: u.late })} · {t('plans.oldestDue', { day: u.oldestDue })}
                </Text>
              </Group>
            ))}
            {late.data?.items.length === 0 && <Text size="sm">{t('plans.noLate')}</Text>}
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

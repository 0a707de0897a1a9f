import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { fiscalYearLabel } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { Table } from '../../components/Table';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { pct, useDrills, useTrend } from './api';
import { RateBar } from './Bars';

const STATUS_COLOR = { draft: 'gray', queued: 'blue', done: 'green', cancelled: 'red' } as const;

/** Every drill, and the trend of their rates over drills and fiscal years. */
export function DrillsPage() {
  const { t, i18n } = useTranslation();
  const canManage = useCan('drills:manage');
  const drills = useDrills();
  const trend = useTrend();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('drillsPage.title')}</Title>
        {canManage && (
          <Button component={Link} to="/drills/new" data-testid="drill-new">
            {t('drillsPage.new')}
          </Button>
        )}
      </Group>
      <Text c="dimmed">{t('drillsPage.intro')}</Text>
      <ProblemAlert error={drills.error ?? trend.error} />
      <Table minWidth={600} striped data-testid="drills-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('drillsPage.name')}</Table.Th>
            <Table.Th>{t('drillsPage.window')}</Table.Th>
            <Table.Th>{t('drillsPage.status')}</Table.Th>
            <Table.Th>{t('drillsPage.sent')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(drills.data?.items ?? []).map((d) => (
            <Table.Tr key={d.id} data-testid="drill-row">
              <Table.Td>
                <Anchor component={Link} to={`/drills/${d.id}`} data-testid="drill-link">
                  {d.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {fiscalYearLabel(d.fiscalYear, i18n.language)} · {formatDateTime(d.windowStart, i18n.language)}
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[d.status]} variant="light" data-testid="drill-status">
                  {t(`drillsPage.statuses.${d.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {d.sent} / {d.recipients}
              </Table.Td>
            </Table.Tr>
          ))}
          {drills.data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>{t('drillsPage.none')}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Title order={3}>{t('drillsPage.trend')}</Title>
      <Table minWidth={700} data-testid="drills-trend">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('drillsPage.fiscalYear')}</Table.Th>
            <Table.Th>{t('drillsPage.name')}</Table.Th>
            <Table.Th>{t('drillResults.openRate')}</Table.Th>
            <Table.Th>{t('drillResults.clickRate')}</Table.Th>
            <Table.Th>{t('drillResults.reportRate')}</Table.Th>
            <Table.Th>{t('drillResults.firstReport')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(trend.data ?? []).map((r) => (
            <Table.Tr key={r.drillId}>
              <Table.Td>{fiscalYearLabel(r.fiscalYear, i18n.language)}</Table.Td>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td>
                <RateBar value={pct(r.opened, r.delivered)} color="blue.5" />
              </Table.Td>
              <Table.Td>
                <RateBar value={pct(r.clicked, r.delivered)} color="red.6" />
              </Table.Td>
              <Table.Td>
                <RateBar value={pct(r.reported, r.delivered)} color="teal.6" />
              </Table.Td>
              <Table.Td>{r.firstReportMinutes === null ? '—' : t('drillResults.minutes', { n: r.firstReportMinutes })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { type IncidentStats, useStats } from './api';
import { SEVERITIES } from '@mamori/contracts';
import { CAUSES, INCIDENT_TYPES, pick } from './catalog';
import { DateField } from '../../components/dates/DateField';

type Severity = (typeof SEVERITIES)[number];

type Bucket = IncidentStats['byType'][number];
const dayIso = (d: string, plus = 0) => {
  if (!d) return undefined;
  const at = new Date(`${d}T00:00`);
  at.setDate(at.getDate() + plus);
  return at.toISOString();
};

/** Counts by type, site, cause, severity and month (near misses alongside) and the response times. */
export function StatsPage() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const stats = useStats({ from: dayIso(from), to: dayIso(to, 1), orgUnitId: orgUnitId ?? undefined, lang });
  const s = stats.data;
  const hours = (v: number | null) => (v == null ? '—' : t('incidents.stats.hours', { n: Math.round(v * 10) / 10 }));
  const days = (v: number | null) => (v == null ? '—' : t('incidents.stats.days', { n: Math.round(v * 10) / 10 }));
  return (
    <Stack>
      <Title order={2}>{t('incidents.stats.title')}</Title>
      <Group align="flex-end" wrap="wrap">
        <DateField label={t('incidents.list.from')} value={from} onChange={(v) => setFrom(v)} />
        <DateField label={t('incidents.list.to')} value={to} onChange={(v) => setTo(v)} />
        <OrgUnitSelect label={t('incidents.field.orgUnit')} clearable value={orgUnitId} onChange={setOrgUnitId} />
      </Group>
      <ProblemAlert error={stats.error} />
      {s && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} data-testid="stats-totals">
            <Total label={t('incidents.stats.incidents')} value={s.totals.incidents} testId="stats-total-incidents" />
            <Total label={t('incidents.stats.nearMisses')} value={s.totals.nearMisses} testId="stats-total-near-misses" />
            <Total label={t('incidents.stats.open')} value={s.totals.open} testId="stats-total-open" />
            <Total label={t('incidents.stats.closed')} value={s.totals.closed} testId="stats-total-closed" />
            <Total
              label={t('incidents.stats.timeToContain')}
              value={hours(s.timeToContainHours.median)}
              sub={`p90 ${hours(s.timeToContainHours.p90)}`}
              testId="stats-contain-median"
            />
            <Total
              label={t('incidents.stats.timeToClose')}
              value={days(s.timeToCloseDays.median)}
              sub={`p90 ${days(s.timeToCloseDays.p90)}`}
              testId="stats-close-median"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Buckets
              title={t('incidents.stats.byType')}
              rows={s.byType}
              name={(b) => b.label ?? pick(INCIDENT_TYPES, b.key, lang)}
              testId="stats-by-type"
            />
            <Buckets title={t('incidents.stats.bySite')} rows={s.bySite} name={(b) => b.label ?? b.key} testId="stats-by-site" />
            <Buckets
              title={t('incidents.stats.byCause')}
              rows={s.byCause}
              name={(b) => (b.key === 'none' ? t('incidents.stats.noCause') : (b.label ?? pick(CAUSES, b.key, lang)))}
              testId="stats-by-cause"
            />
            <Buckets
              title={t('incidents.stats.bySeverity')}
              rows={[...s.bySeverity].sort(
                (a, b) => SEVERITIES.indexOf(b.key as Severity) - SEVERITIES.indexOf(a.key as Severity),
              )}
              name={(b) => t(`incidents.severity.${b.key}`, { defaultValue: b.label ?? b.key })}
              testId="stats-by-severity"
            />
            <Buckets
              title={t('incidents.stats.byMonth')}
              rows={s.byMonth}
              name={(b) => b.label ?? b.key}
              testId="stats-by-month"
            />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function Total({ label, value, sub, testId }: { label: string; value: number | string; sub?: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {sub && (
        <Text size="xs" c="dimmed">
          {sub}
        </Text>
      )}
    </Paper>
  );
}

interface BucketsProps {
  title: string;
  rows: Bucket[];
  name: (b: Bucket) => string;
  testId: string;
}

/** One breakdown as a table with bars: incidents and near misses side by side. */
function Buckets({ title, rows, name, testId }: BucketsProps) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.incidents + r.nearMisses));
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {title}
      </Title>
      {rows.length === 0 && <Text c="dimmed">{t('incidents.stats.empty')}</Text>}
      <Table data-testid={testId}>
        {rows.length > 0 && (
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t('incidents.stats.incidents')}</Table.Th>
              <Table.Th>{t('incidents.stats.nearMisses')}</Table.Th>
              <Table.Th w="35%" />
            </Table.Tr>
          </Table.Thead>
        )}
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-testid={`${testId}-${r.key}`}>
              <Table.Td>{name(r)}</Table.Td>
              <Table.Td data-testid="bucket-incidents">{r.incidents}</Table.Td>
              <Table.Td data-testid="bucket-near-misses">{r.nearMisses}</Table.Td>
              <Table.Td>
                <Progress.Root size="lg">
                  <Progress.Section value={(r.incidents / max) * 100} color="red" />
                  <Progress.Section value={(r.nearMisses / max) * 100} color="cyan" />
                </Progress.Root>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

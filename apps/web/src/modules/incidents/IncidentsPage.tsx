import { Anchor, Badge, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useDebouncedValue } from '@mantine/hooks';
import { INCIDENT_STATUSES, SEVERITIES } from '@mamori/contracts';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime, useUnitName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { useExploitedIncidents } from '../systems/assessments-api';
import { exportUrl, type ListFilters, useIncidents } from './api';
import { NearMissBadge, SeverityBadge, StatusBadge, TimeLeft } from './badges';
import { INCIDENT_TYPES, options, pick } from './catalog';
import { DateField } from '../../components/dates/DateField';

/** A date input (yyyy-mm-dd) as the start of that local day, ISO with offset. */
const dayStart = (d: string, plusDays = 0) => {
  if (!d) return undefined;
  const at = new Date(`${d}T00:00`);
  at.setDate(at.getDate() + plusDays);
  return at.toISOString();
};

/** The cases the user may see (own reports for everyone; all in scope for the office), newest first. */
export function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const unitName = useUnitName();
  const canAnalyse = useCan('incidents:analyse');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  // The dashboard drills in with ?status=&severity= (issue #15); the filters start from them.
  const drill = useSearch({ strict: false }) as { status?: string; severity?: string };
  const [status, setStatus] = useState<string | null>(drill.status ?? 'open');
  const [typeId, setTypeId] = useState<string | null>(null);
  const [severity, setSeverity] = useState<string | null>(drill.severity ?? null);
  const [nearMiss, setNearMiss] = useState<string | null>(null);
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filters: ListFilters = {
    q: q || undefined,
    status: status ?? undefined,
    typeId: typeId ?? undefined,
    severity: severity ?? undefined,
    nearMiss: nearMiss ?? undefined,
    orgUnitId: orgUnitId ?? undefined,
    from: dayStart(from),
    to: dayStart(to, 1),
  };
  const list = useIncidents(filters);
  // KEV flag: incidents opened from a known-exploited assessment finding (readers of the systems only; the last 200 shown)
  const canReadSystems = useCan('systems:read');
  const kev = useExploitedIncidents(
    list.items.slice(-200).map((i) => i.id),
    canReadSystems,
  );
  const exploited = new Set(kev.data?.incidentIds ?? []);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('incidents.list.title')}</Title>
        <Group>
          {canAnalyse && (
            <Button component={Link} to="/incidents/stats" variant="default" data-testid="incidents-stats-link">
              {t('incidents.stats.title')}
            </Button>
          )}
          {canAnalyse && (
            <Button component="a" href={exportUrl(filters, i18n.language)} variant="default" data-testid="incidents-export">
              {t('incidents.list.export')}
            </Button>
          )}
          <Button component={Link} to="/incidents/report" color="red" data-testid="incidents-report-link">
            {t('incidents.report.title')}
          </Button>
        </Group>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          placeholder={t('incidents.list.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="incidents-search"
        />
        <Select
          label={t('incidents.field.status')}
          clearable
          placeholder={t('common.all')}
          value={status}
          onChange={setStatus}
          data={[
            { value: 'open', label: t('incidents.list.open') },
            ...INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.status.${s}`) })),
          ]}
          data-testid="incidents-status-filter"
          w={200}
        />
        <Select
          label={t('incidents.field.type')}
          clearable
          placeholder={t('common.all')}
          value={typeId}
          onChange={setTypeId}
          data={options(INCIDENT_TYPES, i18n.language)}
          data-testid="incidents-type-filter"
          w={220}
        />
        <Select
          label={t('incidents.field.severity')}
          clearable
          placeholder={t('common.all')}
          value={severity}
          onChange={setSeverity}
          data={[...SEVERITIES].reverse().map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))}
          data-testid="incidents-severity-filter"
          w={130}
        />
        <Select
          label={t('incidents.nearMiss')}
          clearable
          placeholder={t('common.all')}
          value={nearMiss}
          onChange={setNearMiss}
          data={[
            { value: 'false', label: t('incidents.list.incidentsOnly') },
            { value: 'true', label: t('incidents.list.nearMissesOnly') },
          ]}
          data-testid="incidents-near-miss-filter"
          w={170}
        />
        <OrgUnitSelect
          label={t('incidents.field.orgUnit')}
          clearable
          value={orgUnitId}
          onChange={setOrgUnitId}
          testId="incidents-org-filter"
        />
        <DateField label={t('incidents.list.from')} value={from} onChange={(v) => setFrom(v)} data-testid="incidents-from" />
        <DateField label={t('incidents.list.to')} value={to} onChange={(v) => setTo(v)} data-testid="incidents-to" />
      </Group>
      <ProblemAlert error={list.error} />
      <Table striped highlightOnHover data-testid="incidents-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('incidents.field.number')}</Table.Th>
            <Table.Th>{t('incidents.field.title')}</Table.Th>
            <Table.Th>{t('incidents.field.type')}</Table.Th>
            <Table.Th>{t('incidents.field.severity')}</Table.Th>
            <Table.Th>{t('incidents.field.status')}</Table.Th>
            <Table.Th>{t('incidents.field.orgUnit')}</Table.Th>
            <Table.Th>{t('incidents.field.reportedAt')}</Table.Th>
            <Table.Th>{t('incidents.list.nextDue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((i) => (
            <Table.Tr key={i.id} data-testid={`incident-row-${i.number}`}>
              <Table.Td>
                <Anchor component={Link} to={`/incidents/${i.id}`} data-testid="incident-link">
                  {i.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {i.title} {i.nearMiss && <NearMissBadge />}
                {exploited.has(i.id) && (
                  <Badge color="red.9" variant="filled" ml={4} data-testid="incident-kev">
                    {t('incidents.list.kev')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{pick(INCIDENT_TYPES, i.typeId, i18n.language)}</Table.Td>
              <Table.Td>
                <SeverityBadge severity={i.severity} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={i.status} />
              </Table.Td>
              <Table.Td>{unitName(i)}</Table.Td>
              <Table.Td>{formatDateTime(i.reportedAt, i18n.language)}</Table.Td>
              <Table.Td>{i.status !== 'closed' && <TimeLeft dueAt={i.nextDueAt} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('incidents.list.none')}</Text>}
      <LoadMore
        shown={list.items.length}
        total={list.total}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={list.loadMore}
      />
    </Stack>
  );
}

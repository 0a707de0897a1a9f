import { Anchor, Badge, Button, Group, Stack, Title } from '@mantine/core';
import { INCIDENT_STATUSES, SEVERITIES } from '@mamori/contracts';
import { Link, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { DataList, useListState, type ListColumn, type ListFilter } from '../../components/list';
import { formatDateTime, useUnitName } from '../../components/names';
import { DateField } from '../../components/dates/DateField';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { useExploitedIncidents } from '../systems/assessments-api';
import { exportUrl, type IncidentListItem, useIncidents } from './api';
import { NearMissBadge, SeverityBadge, StatusBadge, TimeLeft } from './badges';
import { INCIDENT_TYPES, options, pick } from './catalog';

/** A date input (yyyy-mm-dd) as the start of that local day, ISO with offset. */
const dayStart = (d: string | undefined, plusDays = 0) => {
  if (!d) return undefined;
  const at = new Date(`${d}T00:00`);
  at.setDate(at.getDate() + plusDays);
  return at.toISOString();
};

/**
 * The cases the user may see (own reports for everyone; all in scope for the office), newest first, on the one
 * list component. The list API has no sort (newest first only), so no header sorts; the export stays the XLSX
 * link of the same filters (its parameters are not the list component's CSV/XLSX export's).
 */
export function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const unitName = useUnitName();
  const canAnalyse = useCan('incidents:analyse');
  // The dashboard drills in with ?status=&severity= (issue #15); the filters start from them.
  const drill = useSearch({ strict: false }) as { status?: string; severity?: string };
  const list = useListState({ filters: { status: drill.status ?? 'open', severity: drill.severity ?? null } });
  const { sort: _sort, ...picked } = list.query;
  const query = { ...picked, from: dayStart(picked.from), to: dayStart(picked.to, 1) };
  const cases = useIncidents(query);
  // KEV flag: incidents opened from a known-exploited assessment finding (readers of the systems only; the last 200 shown)
  const canReadSystems = useCan('systems:read');
  const kev = useExploitedIncidents(
    cases.items.slice(-200).map((i) => i.id),
    canReadSystems,
  );
  const exploited = useMemo(() => new Set(kev.data?.incidentIds ?? []), [kev.data]);

  const columns = useMemo<ListColumn<IncidentListItem>[]>(
    () => [
      {
        id: 'number',
        header: t('incidents.field.number'),
        nowrap: true,
        cell: (i) => (
          <Anchor component={Link} to={`/incidents/${i.id}`} data-testid="incident-link">
            {i.number}
          </Anchor>
        ),
      },
      {
        id: 'title',
        header: t('incidents.field.title'),
        cell: (i) => (
          <>
            {i.title} {i.nearMiss && <NearMissBadge />}
            {exploited.has(i.id) && (
              <Badge color="red.9" variant="filled" ml={4} data-testid="incident-kev">
                {t('incidents.list.kev')}
              </Badge>
            )}
          </>
        ),
      },
      { id: 'type', header: t('incidents.field.type'), cell: (i) => pick(INCIDENT_TYPES, i.typeId, lang) },
      {
        id: 'severity',
        header: t('incidents.field.severity'),
        nowrap: true,
        cell: (i) => <SeverityBadge severity={i.severity} />,
      },
      { id: 'status', header: t('incidents.field.status'), nowrap: true, cell: (i) => <StatusBadge status={i.status} /> },
      { id: 'orgUnit', header: t('incidents.field.orgUnit'), cell: (i) => unitName(i) },
      { id: 'reportedAt', header: t('incidents.field.reportedAt'), cell: (i) => formatDateTime(i.reportedAt, lang) },
      {
        id: 'nextDue',
        header: t('incidents.list.nextDue'),
        nowrap: true,
        cell: (i) => i.status !== 'closed' && <TimeLeft dueAt={i.nextDueAt} />,
      },
    ],
    [t, lang, unitName, exploited],
  );
  const filters: ListFilter[] = [
    {
      kind: 'text',
      key: 'q',
      label: t('common.search'),
      placeholder: t('incidents.list.searchPlaceholder'),
      testId: 'incidents-search',
    },
    {
      kind: 'select',
      key: 'status',
      label: t('incidents.field.status'),
      options: [
        { value: 'open', label: t('incidents.list.open') },
        ...INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.status.${s}`) })),
      ],
      testId: 'incidents-status-filter',
      width: 200,
    },
    {
      kind: 'select',
      key: 'typeId',
      label: t('incidents.field.type'),
      options: options(INCIDENT_TYPES, lang),
      testId: 'incidents-type-filter',
      width: 220,
    },
    {
      kind: 'select',
      key: 'severity',
      label: t('incidents.field.severity'),
      options: [...SEVERITIES].reverse().map((s) => ({ value: s, label: t(`incidents.severity.${s}`) })),
      testId: 'incidents-severity-filter',
      width: 130,
    },
    {
      kind: 'select',
      key: 'nearMiss',
      label: t('incidents.nearMiss'),
      options: [
        { value: 'false', label: t('incidents.list.incidentsOnly') },
        { value: 'true', label: t('incidents.list.nearMissesOnly') },
      ],
      testId: 'incidents-near-miss-filter',
      width: 170,
    },
    {
      kind: 'picker',
      key: 'orgUnitId',
      label: t('incidents.field.orgUnit'),
      render: (p) => (
        <OrgUnitSelect label={p.label} clearable value={p.value} onChange={p.onChange} testId="incidents-org-filter" />
      ),
    },
    {
      kind: 'picker',
      key: 'from',
      label: t('incidents.list.from'),
      render: (p) => (
        <DateField label={p.label} value={p.value ?? ''} onChange={(v) => p.onChange(v || null)} data-testid="incidents-from" />
      ),
    },
    {
      kind: 'picker',
      key: 'to',
      label: t('incidents.list.to'),
      render: (p) => (
        <DateField label={p.label} value={p.value ?? ''} onChange={(v) => p.onChange(v || null)} data-testid="incidents-to" />
      ),
    },
  ];

  return (
    <Stack>
      <Title order={2}>{t('incidents.list.title')}</Title>
      <DataList
        columns={columns}
        source={cases}
        rowId={(i) => i.id}
        filters={filters}
        values={list.values}
        onFilter={list.setValue}
        actions={
          <Group>
            {canAnalyse && (
              <Button component={Link} to="/incidents/stats" variant="default" data-testid="incidents-stats-link">
                {t('incidents.stats.title')}
              </Button>
            )}
            {canAnalyse && (
              <Button component="a" href={exportUrl(query, lang)} variant="default" data-testid="incidents-export">
                {t('incidents.list.export')}
              </Button>
            )}
            <Button component={Link} to="/incidents/report" color="red" data-testid="incidents-report-link">
              {t('incidents.report.title')}
            </Button>
          </Group>
        }
        emptyText={t('incidents.list.none')}
        testId="incidents-table"
        rowTestId={(i) => `incident-row-${i.number}`}
      />
    </Stack>
  );
}

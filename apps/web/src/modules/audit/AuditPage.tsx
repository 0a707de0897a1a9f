import { Stack, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/dates/DateField';
import { DataList, exportUrl, useListState, type ListFilter } from '../../components/list';
import { AccountSelect } from '../accounts/AccountSelect';
import { dayToIso, useAuditEvents } from './api';
import { AuditDetail, auditColumns } from './columns';

/** The append-only audit log, newest first; a row opens to show the record before and after the change. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const list = useListState({ sort: '-at' });
  const [open, setOpen] = useState<string | null>(null);
  // the days picked are the reader's local days; the API takes instants
  const query = { ...list.query, from: dayToIso(list.query.from, false), to: dayToIso(list.query.to, true) };
  const events = useAuditEvents(query);
  const columns = useMemo(() => auditColumns(t, i18n.language, open), [t, i18n.language, open]);
  const filters: ListFilter[] = [
    { kind: 'text', key: 'q', label: t('audit.q'), testId: 'audit-q' },
    {
      kind: 'picker',
      key: 'actorId',
      label: t('audit.actor'),
      // the actor by name or email (the account register; every audit:read role may read it)
      render: (p) => <AccountSelect label={p.label} value={p.value} onChange={p.onChange} testId="audit-actor" />,
    },
    { kind: 'text', key: 'action', label: t('audit.action'), placeholder: 'auth.sign-in', testId: 'audit-action' },
    { kind: 'text', key: 'targetType', label: t('audit.targetType'), testId: 'audit-target-type' },
    { kind: 'text', key: 'targetId', label: t('audit.targetId'), testId: 'audit-target-id' },
    {
      kind: 'picker',
      key: 'from',
      label: t('audit.from'),
      render: (p) => <DateField label={p.label} value={p.value ?? ''} onChange={p.onChange} data-testid="audit-from" />,
    },
    {
      kind: 'picker',
      key: 'to',
      label: t('audit.to'),
      render: (p) => <DateField label={p.label} value={p.value ?? ''} onChange={p.onChange} data-testid="audit-to" />,
    },
  ];
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <DataList
        columns={columns}
        source={events}
        rowId={(e) => e.seq}
        sort={list.sort}
        onSort={list.setSort}
        filters={filters}
        values={list.values}
        onFilter={list.setValue}
        exportHref={(format) => exportUrl('/audit-events/export', query, format, i18n.language)}
        exportTestId="audit-export"
        emptyText={t('audit.none')}
        testId="audit-table"
        rowTestId="audit-row"
        onRowClick={(e) => setOpen(open === e.seq ? null : e.seq)}
        rowDetail={(e) => (open === e.seq ? <AuditDetail event={e} t={t} /> : null)}
      />
    </Stack>
  );
}

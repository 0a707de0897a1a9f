import { ActionIcon, Code, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';
import { JsonView } from '../../components/JsonView';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { type AuditFilters, useAuditEvents } from './api';
import { AuditFiltersForm } from './AuditFiltersForm';

/** The append-only audit log, newest first; a row opens to show the record before and after the change. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [open, setOpen] = useState<string | null>(null);
  const events = useAuditEvents(filters);
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <AuditFiltersForm onApply={setFilters} />
      <ProblemAlert error={events.error} />
      <Table data-testid="audit-table" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} />
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.target')}</Table.Th>
            <Table.Th>{t('audit.ip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.items.map((e) => (
            <Row key={e.seq} event={e} open={open === e.seq} onToggle={() => setOpen(open === e.seq ? null : e.seq)} />
          ))}
        </Table.Tbody>
      </Table>
      {events.isSuccess && events.items.length === 0 && <Text c="dimmed">{t('audit.none')}</Text>}
      <LoadMore
        shown={events.items.length}
        total={events.total}
        hasMore={events.hasNextPage}
        loading={events.isFetchingNextPage}
        onMore={events.loadMore}
      />
    </Stack>
  );
}

function Row({ event: e, open, onToggle }: { event: AuditEvent; open: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Fragment>
      <Table.Tr data-testid="audit-row" onClick={onToggle} style={{ cursor: 'pointer' }}>
        <Table.Td>
          <ActionIcon variant="subtle" size="sm" aria-expanded={open} aria-label={open ? t('audit.hide') : t('audit.show')}>
            {open ? '▾' : '▸'}
          </ActionIcon>
        </Table.Td>
        <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
        <Table.Td>
          {e.actorId === null
            ? e.actorLabel
              ? t('audit.systemJob', { job: t(`auditJob.${labelKey(e.actorLabel)}`, { defaultValue: e.actorLabel }) })
              : t('audit.system')
            : e.actorLabel}
        </Table.Td>
        <Table.Td>
          {/* known actions get a label; a newer server's action still shows as its code */}
          <Text size="sm">{t(`auditAction.${labelKey(e.action)}`, { defaultValue: e.action })}</Text>
          <Code>{e.action}</Code>
        </Table.Td>
        <Table.Td>
          {t(`auditTarget.${labelKey(e.targetType)}`, { defaultValue: e.targetType })}
          {e.targetId && (
            <Text size="xs" c="dimmed">
              {e.targetId}
            </Text>
          )}
        </Table.Td>
        <Table.Td>{e.ip}</Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr data-testid="audit-detail">
          <Table.Td colSpan={6}>
            <SimpleGrid cols={2}>
              <div>
                <Text size="sm" fw={600}>
                  {t('audit.before')}
                </Text>
                <JsonView value={e.before} testId="audit-before" />
              </div>
              <div>
                <Text size="sm" fw={600}>
                  {t('audit.after')}
                </Text>
                <JsonView value={e.after} testId="audit-after" />
              </div>
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt="xs">
              {t('audit.seq')}: {e.seq} · {t('audit.requestId')}: {e.requestId ?? '—'} · {t('audit.actorId')}: {e.actorId ?? '—'}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** i18n key of an action or target type: dots and dashes would split or confuse the key. */
const labelKey = (code: string) => code.replace(/[.-]/g, '_');

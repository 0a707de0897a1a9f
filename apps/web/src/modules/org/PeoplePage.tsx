import { Badge, Button, Group, Loader, Select, Stack, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useDebouncedValue } from '@mantine/hooks';
import { PERSON_KINDS, PERSON_STATUSES } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitName } from '../../components/names';
import type { Person } from '../../api/types';
import { useCan } from '../../app/useCan';
import { CsvImportModal } from '../../components/CsvImportModal';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/problem';
import { useImportPeople, usePeople } from './api';
import { OrgUnitSelect } from './OrgUnitSelect';
import { PersonFormModal } from './PersonFormModal';

const SORTS = ['nameEn', '-nameEn', 'employeeNo', '-employeeNo'] as const;

export function PeoplePage() {
  const { t } = useTranslation();
  const unitName = useUnitName();
  const canManage = useCan('people:manage');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>('active');
  const [kind, setKind] = useState<string | null>(null);
  const [sort, setSort] = useState<string>('nameEn');
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const importPeople = useImportPeople();
  const people = usePeople({
    q: q || undefined,
    orgUnitId: orgUnitId ?? undefined,
    status: status ?? undefined,
    kind: kind ?? undefined,
    sort,
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('people.title')}</Title>
        {canManage && (
          <Group>
            <Button variant="default" onClick={() => setImporting(true)} data-testid="people-import">
              {t('import.button')}
            </Button>
            <Button onClick={() => setEditing('new')} data-testid="people-create">
              {t('people.create')}
            </Button>
          </Group>
        )}
      </Group>
      <Group align="flex-end">
        <TextInput
          label={t('common.search')}
          placeholder={t('people.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="people-search"
        />
        <OrgUnitSelect
          label={t('people.orgUnit')}
          clearable
          value={orgUnitId}
          onChange={setOrgUnitId}
          testId="people-org-filter"
        />
        <Select
          label={t('people.status')}
          clearable
          placeholder={t('common.all')}
          value={status}
          onChange={setStatus}
          data={PERSON_STATUSES.map((s) => ({ value: s, label: t(`enum.personStatus.${s}`) }))}
          data-testid="people-status-filter"
          w={140}
        />
        <Select
          label={t('people.kind')}
          clearable
          placeholder={t('common.all')}
          value={kind}
          onChange={setKind}
          data={PERSON_KINDS.map((k) => ({ value: k, label: t(`enum.personKind.${k}`) }))}
          data-testid="people-kind-filter"
          w={160}
        />
        <Select
          label={t('common.sort')}
          allowDeselect={false}
          value={sort}
          onChange={(v) => setSort(v ?? 'nameEn')}
          data={SORTS.map((s) => ({ value: s, label: t(`people.sort.${s}`) }))}
          data-testid="people-sort"
          w={200}
        />
      </Group>
      <ProblemAlert error={people.error} />
      {/* The table appears with its first rows: an empty header whose columns then widen moved the page (CLS). */}
      {people.isPending ? (
        <Loader />
      ) : (
        <>
          <Table striped highlightOnHover data-testid="people-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('people.employeeNo')}</Table.Th>
                <Table.Th>{t('people.name')}</Table.Th>
                <Table.Th>{t('fields.email')}</Table.Th>
                <Table.Th>{t('people.orgUnit')}</Table.Th>
                <Table.Th>{t('people.kind')}</Table.Th>
                <Table.Th>{t('people.status')}</Table.Th>
                {canManage && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.employeeNo}</Table.Td>
                  <Table.Td>
                    {p.nameJa} / {p.nameEn}
                  </Table.Td>
                  <Table.Td>{p.email}</Table.Td>
                  <Table.Td>{unitName(p)}</Table.Td>
                  <Table.Td>{t(`enum.personKind.${p.kind}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={p.status === 'active' ? 'green' : 'gray'} variant="light">
                      {t(`enum.personStatus.${p.status}`)}
                    </Badge>
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => setEditing(p)}>
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <LoadMore
            shown={people.items.length}
            total={people.total}
            hasMore={people.hasNextPage}
            loading={people.isFetchingNextPage}
            onMore={people.loadMore}
          />
        </>
      )}
      {editing && <PersonFormModal person={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      <CsvImportModal
        opened={importing}
        onClose={() => {
          setImporting(false);
          importPeople.reset();
        }}
        title={t('people.importTitle')}
        header="employee_no,name_ja,name_en,email,kind,org_code,status"
        mutation={importPeople}
        testId="people-import-modal"
      />
    </Stack>
  );
}

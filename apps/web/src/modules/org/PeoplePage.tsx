import { Badge, Button, Group, Stack, Title } from '@mantine/core';
import { PERSON_KINDS, PERSON_STATUSES } from '@mamori/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../api/types';
import { useCan } from '../../app/useCan';
import { CsvImportModal } from '../../components/CsvImportModal';
import { DataList, exportUrl, useListState, type ListColumn, type ListFilter } from '../../components/list';
import { useUnitName } from '../../components/names';
import { useImportPeople, usePeople } from './api';
import { OrgUnitSelect } from './OrgUnitSelect';
import { PersonFormModal } from './PersonFormModal';

export function PeoplePage() {
  const { t, i18n } = useTranslation();
  const unitName = useUnitName();
  const canManage = useCan('people:manage');
  const list = useListState({ filters: { status: 'active' }, sort: 'nameEn' });
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const importPeople = useImportPeople();
  const people = usePeople(list.query);

  const columns = useMemo<ListColumn<Person>[]>(
    () => [
      { id: 'employeeNo', header: t('people.employeeNo'), sortKey: 'employeeNo', cell: (p) => p.employeeNo },
      { id: 'name', header: t('people.name'), sortKey: 'nameEn', cell: (p) => `${p.nameJa} / ${p.nameEn}` },
      { id: 'email', header: t('fields.email'), cell: (p) => p.email },
      { id: 'orgUnit', header: t('people.orgUnit'), cell: (p) => unitName(p) },
      { id: 'kind', header: t('people.kind'), cell: (p) => t(`enum.personKind.${p.kind}`) },
      {
        id: 'status',
        header: t('people.status'),
        nowrap: true,
        cell: (p) => (
          <Badge color={p.status === 'active' ? 'green' : 'gray'} variant="light">
            {t(`enum.personStatus.${p.status}`)}
          </Badge>
        ),
      },
      ...(canManage
        ? [
            {
              id: 'edit',
              header: '',
              cell: (p: Person) => (
                <Button size="xs" variant="subtle" onClick={() => setEditing(p)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]
        : []),
    ],
    [t, unitName, canManage],
  );
  const filters: ListFilter[] = [
    { kind: 'text', key: 'q', label: t('common.search'), placeholder: t('people.searchPlaceholder'), testId: 'people-search' },
    {
      kind: 'picker',
      key: 'orgUnitId',
      label: t('people.orgUnit'),
      render: (p) => <OrgUnitSelect label={p.label} clearable value={p.value} onChange={p.onChange} testId="people-org-filter" />,
    },
    {
      kind: 'select',
      key: 'status',
      label: t('people.status'),
      options: PERSON_STATUSES.map((s) => ({ value: s, label: t(`enum.personStatus.${s}`) })),
      testId: 'people-status-filter',
      width: 140,
    },
    {
      kind: 'select',
      key: 'kind',
      label: t('people.kind'),
      options: PERSON_KINDS.map((k) => ({ value: k, label: t(`enum.personKind.${k}`) })),
      testId: 'people-kind-filter',
    },
  ];

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
      <DataList
        columns={columns}
        source={people}
        rowId={(p) => p.id}
        sort={list.sort}
        onSort={list.setSort}
        filters={filters}
        values={list.values}
        onFilter={list.setValue}
        exportHref={(format) => exportUrl('/people/export', list.query, format, i18n.language)}
        exportTestId="people-export"
        testId="people-table"
      />
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

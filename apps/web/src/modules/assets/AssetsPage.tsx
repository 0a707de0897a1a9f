import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { ASSET_KINDS, exportUrl, useAssets, useScheme, type Filters } from './api';
import { AssetFormModal } from './AssetFormModal';
import { AssetImportModal } from './AssetImportModal';
import { ClassBadge } from './ClassBadge';

/** The ledger (情報資産台帳): filters as the API has them, keyset paging, export and import per unit. */
export function AssetsPage() {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const canManage = useCan('assets:manage');
  const canConfigure = useCan('isms:configure');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [classCode, setClassCode] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [personal, setPersonal] = useState(false);
  const [status, setStatus] = useState<string>('active');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const scheme = useScheme(unitId);
  const classes = scheme.data?.value.classes;
  const filters: Filters = {
    q: q || undefined,
    unitId: unitId ?? undefined,
    classCode: classCode ?? undefined,
    kind: kind ?? undefined,
    personalData: personal ? 'true' : undefined,
    status,
  };
  const list = useAssets(filters);
  const exportFilters = { ...filters, lang: ja ? 'ja' : 'en' };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('assets.title')}</Title>
        <Group>
          {canConfigure && (
            <Button component={Link} to="/assets/settings" variant="default" data-testid="assets-settings-link">
              {t('assets.settings.title')}
            </Button>
          )}
          {canManage && (
            <Button onClick={() => setCreating(true)} data-testid="assets-create">
              {t('assets.create')}
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput
          label={t('common.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="assets-search"
        />
        <OrgUnitSelect label={t('assets.field.unit')} value={unitId} onChange={setUnitId} clearable testId="assets-unit-filter" />
        <Select
          label={t('assets.field.class')}
          clearable
          placeholder={t('common.all')}
          value={classCode}
          onChange={setClassCode}
          data={(classes ?? []).map((c) => ({ value: c.code, label: ja ? c.nameJa : c.nameEn }))}
          w={170}
          data-testid="assets-class-filter"
        />
        <Select
          label={t('assets.field.kind')}
          clearable
          placeholder={t('common.all')}
          value={kind}
          onChange={setKind}
          data={ASSET_KINDS.map((k) => ({ value: k, label: t(`assets.kind.${k}`) }))}
          w={170}
        />
        <Select
          label={t('assets.field.status')}
          allowDeselect={false}
          value={status}
          onChange={(s) => setStatus(s ?? 'active')}
          data={['active', 'disposed', 'all'].map((s) => ({ value: s, label: t(`assets.status.${s}`) }))}
          w={140}
        />
        <Checkbox
          label={t('assets.field.personalData')}
          checked={personal}
          onChange={(e) => setPersonal(e.currentTarget.checked)}
        />
      </Group>
      {unitId && (
        <Group>
          <Button component="a" href={exportUrl('xlsx', exportFilters)} variant="default" data-testid="assets-export-xlsx">
            {t('assets.exportXlsx')}
          </Button>
          <Button component="a" href={exportUrl('csv', exportFilters)} variant="default" data-testid="assets-export-csv">
            {t('assets.exportCsv')}
          </Button>
          {canManage && (
            <Button variant="default" onClick={() => setImporting(true)} data-testid="assets-import-open">
              {t('assets.import.title')}
            </Button>
          )}
        </Group>
      )}
      <ProblemAlert error={list.error} />
      <Table striped highlightOnHover data-testid="assets-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assets.field.name')}</Table.Th>
            <Table.Th>{t('assets.field.class')}</Table.Th>
            <Table.Th>{t('assets.field.kind')}</Table.Th>
            <Table.Th>{t('assets.field.unit')}</Table.Th>
            <Table.Th>{t('assets.field.owner')}</Table.Th>
            <Table.Th>{t('assets.cia')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((a) => (
            <Table.Tr key={a.id} data-testid="asset-row" data-name={a.name}>
              <Table.Td>
                <Anchor component={Link} to={`/assets/${a.id}`} data-testid="asset-link">
                  {a.name}
                </Anchor>{' '}
                {a.originalId && (
                  <Badge variant="light" color="gray">
                    {t('assets.copy')}
                  </Badge>
                )}
                {a.copies > 0 && (
                  <Badge variant="light" color="gray">
                    {t('assets.copiesCount', { count: a.copies })}
                  </Badge>
                )}
                {a.status === 'disposed' && (
                  <Badge variant="light" color="gray">
                    {t('assets.status.disposed')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <ClassBadge code={a.classCode} classes={classes} />
              </Table.Td>
              <Table.Td>{t(`assets.kind.${a.kind}`)}</Table.Td>
              <Table.Td>{ja ? a.unitNameJa : a.unitNameEn}</Table.Td>
              <Table.Td>{ja ? a.ownerNameJa : a.ownerNameEn}</Table.Td>
              <Table.Td>{`${a.confidentiality}/${a.integrity}/${a.availability}`}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore
        shown={list.items.length}
        total={list.total}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={list.loadMore}
      />
      {creating && <AssetFormModal onClose={() => setCreating(false)} />}
      {importing && unitId && <AssetImportModal unitId={unitId} onClose={() => setImporting(false)} />}
    </Stack>
  );
}

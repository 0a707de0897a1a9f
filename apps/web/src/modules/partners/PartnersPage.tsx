import { Anchor, Button, Checkbox, Group, NumberInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { type Filters, partnersExportUrl, TIERS, usePartners } from './api';
import { ScoreBadge, TierBadge } from './badges';
import { PartnerFormModal } from './PartnerFormModal';

const SORTS = ['name', '-name', 'score', '-score'] as const;
const num = (v: string | number) => (v === '' ? undefined : String(v));

/** The office's partner list: filters as the API has them, keyset paging, the same filters as XLSX. */
export function PartnersPage() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const canManage = useCan('partners:manage');
  const canAnalyse = useCan('partners:analyse');
  const canExport = useCan('partner-assessments:review');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [tier, setTier] = useState<string | null>(null);
  const [country, setCountry] = useState('');
  const [scoreMin, setScoreMin] = useState<string | number>('');
  const [scoreMax, setScoreMax] = useState<string | number>('');
  const [overdue, setOverdue] = useState(false);
  const [noNda, setNoNda] = useState(false);
  const [sort, setSort] = useState<string>('name');
  const [creating, setCreating] = useState(false);
  const filters: Filters = {
    q: q || undefined,
    tier: tier ?? undefined,
    country: /^[A-Z]{2}$/.test(country) ? country : undefined,
    scoreMin: num(scoreMin),
    scoreMax: num(scoreMax),
    overdue: overdue ? 'true' : undefined,
    noValidNda: noNda ? 'true' : undefined,
    sort,
  };
  const list = usePartners(filters);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('partners.list.title')}</Title>
        <Group>
          {canAnalyse && (
            <Button component={Link} to="/partners/dashboard" variant="default" data-testid="partners-dashboard-link">
              {t('partners.dashboard.title')}
            </Button>
          )}
          {canExport && (
            <Button component="a" href={partnersExportUrl(filters)} variant="default" data-testid="partners-export">
              {t('partners.list.export')}
            </Button>
          )}
          {canManage && (
            <Button onClick={() => setCreating(true)} data-testid="partners-create">
              {t('partners.list.create')}
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput
          label={t('common.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="partners-search"
        />
        <Select
          label={t('partners.fields.tier')}
          clearable
          placeholder={t('common.all')}
          value={tier}
          onChange={setTier}
          data={TIERS.map((x) => ({ value: x, label: t(`partners.tier.${x}`) }))}
          w={120}
          data-testid="partners-tier-filter"
        />
        <TextInput
          label={t('partners.fields.country')}
          value={country}
          onChange={(e) => setCountry(e.currentTarget.value.toUpperCase())}
          maxLength={2}
          w={90}
          data-testid="partners-country-filter"
        />
        <NumberInput label={t('partners.list.scoreMin')} min={0} max={100} value={scoreMin} onChange={setScoreMin} w={100} />
        <NumberInput label={t('partners.list.scoreMax')} min={0} max={100} value={scoreMax} onChange={setScoreMax} w={100} />
        <Select
          label={t('common.sort')}
          allowDeselect={false}
          value={sort}
          onChange={(v) => setSort(v ?? 'name')}
          data={SORTS.map((s) => ({ value: s, label: t(`partners.list.sort.${s.replace('-', 'desc_')}`) }))}
          w={180}
          data-testid="partners-sort"
        />
        <Checkbox label={t('partners.list.overdue')} checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} />
        <Checkbox label={t('partners.list.noValidNda')} checked={noNda} onChange={(e) => setNoNda(e.currentTarget.checked)} />
      </Group>
      <ProblemAlert error={list.error} />
      <Table striped highlightOnHover data-testid="partners-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('partners.fields.name')}</Table.Th>
            <Table.Th>{t('partners.fields.country')}</Table.Th>
            <Table.Th>{t('partners.fields.tier')}</Table.Th>
            <Table.Th>{t('partners.fields.score')}</Table.Th>
            <Table.Th>{t('partners.fields.nda')}</Table.Th>
            <Table.Th>{t('partners.list.overdue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((p) => (
            <Table.Tr key={p.id} data-testid="partner-row" data-name={p.nameEn}>
              <Table.Td>
                <Anchor component={Link} to={`/partners/${p.id}`} data-testid="partner-link">
                  {localName(p)}
                </Anchor>
              </Table.Td>
              <Table.Td>{p.country}</Table.Td>
              <Table.Td>
                <TierBadge tier={p.tier} />
              </Table.Td>
              <Table.Td>
                <ScoreBadge score={p.latestScore} passed={p.latestPassed} />
              </Table.Td>
              <Table.Td>{p.hasValidNda ? t('partners.yes') : t('partners.no')}</Table.Td>
              <Table.Td>{p.overdue ? t('partners.yes') : ''}</Table.Td>
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
      {creating && <PartnerFormModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}

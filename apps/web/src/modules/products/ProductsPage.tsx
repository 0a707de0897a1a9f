import { Button, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime, useLocalName, useUnitName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { STAGES, useProductLines, useProducts } from './api';
import { SeverityBadge, StageBadge } from './badges';
import { AnchorLink } from './AnchorLink';
import { ProductFormModal } from './ProductFormModal';

/** Every product in the reader's scope: filters as the API has them, keyset paging (there are thousands). */
export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const unitName = useUnitName();
  const canManage = useCan('products:manage');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [productLine, setProductLine] = useState<string | null>(null);
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const lines = useProductLines();
  const list = useProducts({
    q: q.trim() || undefined,
    productLine: productLine ?? undefined,
    orgUnitId: orgUnitId ?? undefined,
    stage: stage ?? undefined,
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('products.list.title')}</Title>
        <Group>
          <Button component={Link} to="/components" variant="default" data-testid="products-components-link">
            {t('products.components.title')}
          </Button>
          {canManage && (
            <Button onClick={() => setCreating(true)} data-testid="products-create">
              {t('products.list.create')}
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput
          label={t('common.search')}
          placeholder={t('products.list.searchHelp')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="products-search"
        />
        <Select
          label={t('products.fields.productLine')}
          clearable
          searchable
          placeholder={t('common.all')}
          value={productLine}
          onChange={setProductLine}
          data={lines.data?.items.map((l) => ({ value: l.productLine, label: `${l.productLine} (${l.products})` })) ?? []}
          data-testid="products-line-filter"
        />
        <OrgUnitSelect
          label={t('products.fields.orgUnit')}
          clearable
          value={orgUnitId}
          onChange={setOrgUnitId}
          testId="products-org-filter"
        />
        <Select
          label={t('products.fields.stage')}
          clearable
          placeholder={t('common.all')}
          value={stage}
          onChange={setStage}
          data={STAGES.map((s) => ({ value: s, label: t(`products.stage.${s}`) }))}
          data-testid="products-stage-filter"
        />
      </Group>
      <ProblemAlert error={list.error} />
      <Table striped highlightOnHover data-testid="products-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('products.fields.code')}</Table.Th>
            <Table.Th>{t('products.fields.name')}</Table.Th>
            <Table.Th>{t('products.fields.productLine')}</Table.Th>
            <Table.Th>{t('products.fields.orgUnit')}</Table.Th>
            <Table.Th>{t('products.fields.stage')}</Table.Th>
            <Table.Th>{t('products.fields.shipGateSeverity')}</Table.Th>
            <Table.Th>{t('products.fields.updatedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((p) => (
            <Table.Tr key={p.id} data-testid="product-row" data-code={p.code}>
              <Table.Td>{p.code}</Table.Td>
              <Table.Td>
                <AnchorLink
                  to="/products/$id"
                  params={{ id: p.id }}
                  search={{ release: undefined, tab: undefined }}
                  data-testid="product-link"
                >
                  {localName(p)}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{p.productLine ?? '—'}</Table.Td>
              <Table.Td>{unitName(p)}</Table.Td>
              <Table.Td>
                <StageBadge stage={p.stage} />
              </Table.Td>
              <Table.Td>
                <SeverityBadge severity={p.shipGateSeverity} />
              </Table.Td>
              <Table.Td>{formatDateTime(p.updatedAt, i18n.language)}</Table.Td>
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
      {creating && <ProductFormModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}

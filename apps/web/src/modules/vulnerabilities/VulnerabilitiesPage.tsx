import { Anchor, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useDebouncedValue } from '@mantine/hooks';
import { CVSS_SEVERITIES, VULNERABILITY_SORTS, VULNERABILITY_STATUSES } from '@mamori/contracts';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { type ListFilters, useVulnerabilities } from './api';
import { CaseStatusBadge, CvssScoreText } from './badges';
import { ProductSelect } from './ProductSelect';

/** The vulnerability cases in the PSIRT member's need-to-know scope: filters, sort, pages from the server. */
export function VulnerabilitiesPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [status, setStatus] = useState<string | null>(null);
  const [severity, setSeverity] = useState<string | null>(null);
  const [productId, setProductId] = useState<string | null>(null);
  const [sort, setSort] = useState<string>('-createdAt');
  const filters: ListFilters = {
    q: q.trim() || undefined,
    status: status ?? undefined,
    severity: severity ?? undefined,
    productId: productId ?? undefined,
    sort,
  };
  const list = useVulnerabilities(filters);

  return (
    <Stack>
      <Title order={2}>{t('psirtCases.list.title')}</Title>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          placeholder={t('psirtCases.list.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="vulnerabilities-search"
          w={260}
        />
        <Select
          label={t('psirtCases.field.status')}
          clearable
          placeholder={t('common.all')}
          value={status}
          onChange={setStatus}
          data={VULNERABILITY_STATUSES.map((s) => ({ value: s, label: t(`psirtCases.status.${s}`) }))}
          data-testid="vulnerabilities-status-filter"
          w={180}
        />
        <Select
          label={t('psirtCases.field.severity')}
          clearable
          placeholder={t('common.all')}
          value={severity}
          onChange={setSeverity}
          data={[...CVSS_SEVERITIES].reverse().map((s) => ({ value: s, label: t(`psirt.severity.${s}`) }))}
          data-testid="vulnerabilities-severity-filter"
          w={150}
        />
        <ProductSelect
          label={t('psirtCases.field.product')}
          clearable
          value={productId}
          onChange={setProductId}
          testId="vulnerabilities-product-filter"
        />
        <Select
          label={t('common.sort')}
          allowDeselect={false}
          value={sort}
          onChange={(v) => setSort(v ?? sort)}
          data={VULNERABILITY_SORTS.map((s) => ({ value: s, label: t(`psirtCases.sort.${s}`) }))}
          data-testid="vulnerabilities-sort"
          w={200}
        />
      </Group>
      <ProblemAlert error={list.error} />
      <Table striped highlightOnHover data-testid="vulnerabilities-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('psirtCases.field.number')}</Table.Th>
            <Table.Th>{t('psirtCases.field.title')}</Table.Th>
            <Table.Th>{t('psirtCases.field.status')}</Table.Th>
            <Table.Th>CVSS 4.0</Table.Th>
            <Table.Th>CVSS 3.1</Table.Th>
            <Table.Th>CVE</Table.Th>
            <Table.Th>{t('psirtCases.field.embargo')}</Table.Th>
            <Table.Th>{t('psirtCases.field.createdAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((v) => (
            <Table.Tr key={v.id} data-testid={`vulnerability-row-${v.number}`}>
              <Table.Td>
                <Anchor component={Link} to={`/vulnerabilities/${v.id}`} data-testid="vulnerability-link">
                  {t('psirtCases.number', { number: v.number })}
                </Anchor>
              </Table.Td>
              <Table.Td>{v.title}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <CaseStatusBadge status={v.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <CvssScoreText cvss={v.cvss40} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <CvssScoreText cvss={v.cvss31} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{v.cveId ?? '—'}</Table.Td>
              <Table.Td>{v.embargoUntil ? formatDateTime(v.embargoUntil, i18n.language) : '—'}</Table.Td>
              <Table.Td>{formatDateTime(v.createdAt, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('psirtCases.list.none')}</Text>}
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Stack>
  );
}

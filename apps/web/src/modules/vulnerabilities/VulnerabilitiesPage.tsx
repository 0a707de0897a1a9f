import { Anchor, Stack, Text, Title } from '@mantine/core';
import { CVSS_SEVERITIES, VULNERABILITY_STATUSES } from '@mamori/contracts';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { DataList, exportUrl, useListState, type ListColumn, type ListFilter } from '../../components/list';
import { formatDateTime } from '../../components/names';
import { useVulnerabilities, type Vulnerability } from './api';
import { CaseStatusBadge, CvssScoreText } from './badges';
import { BulkAssignBar } from './BulkAssignBar';
import { ProductSelect } from './ProductSelect';

/** The vulnerability cases in the PSIRT member's need-to-know scope: filters, sort, pages and export from the server. */
export function VulnerabilitiesPage() {
  const { t, i18n } = useTranslation();
  const list = useListState({ sort: '-createdAt' });
  const cases = useVulnerabilities(list.query);
  const lang = i18n.language;
  const canManage = useCan('vulnerabilities:manage');
  const [selected, setSelected] = useState<string[]>([]);
  const columns = useMemo<ListColumn<Vulnerability>[]>(
    () => [
      {
        id: 'number',
        header: t('psirtCases.field.number'),
        nowrap: true,
        cell: (v) => (
          <Anchor component={Link} to={`/vulnerabilities/${v.id}`} data-testid="vulnerability-link">
            {t('psirtCases.number', { number: v.number })}
          </Anchor>
        ),
      },
      { id: 'title', header: t('psirtCases.field.title'), cell: (v) => v.title },
      {
        id: 'status',
        header: t('psirtCases.field.status'),
        nowrap: true,
        cell: (v) => <CaseStatusBadge status={v.status} />,
      },
      {
        // one column for the score the list sorts by: CVSS 4.0 where given, else 3.1 (case-list.ts)
        id: 'score',
        header: 'CVSS',
        nowrap: true,
        sortKey: 'score',
        sortDescFirst: true,
        cell: (v) => (
          <Stack gap={2}>
            {v.cvss40 && <CvssScoreText cvss={v.cvss40} />}
            {v.cvss31 && (
              <Text size="xs" c={v.cvss40 ? 'dimmed' : undefined} span>
                {v.cvss40 ? `3.1: ${v.cvss31.score.toFixed(1)}` : <CvssScoreText cvss={v.cvss31} />}
              </Text>
            )}
            {!v.cvss40 && !v.cvss31 && '—'}
          </Stack>
        ),
      },
      { id: 'cve', header: 'CVE', nowrap: true, cell: (v) => v.cveId ?? '—' },
      {
        id: 'embargo',
        header: t('psirtCases.field.embargo'),
        cell: (v) => (v.embargoUntil ? formatDateTime(v.embargoUntil, lang) : '—'),
      },
      {
        id: 'createdAt',
        header: t('psirtCases.field.createdAt'),
        sortKey: 'createdAt',
        sortDescFirst: true,
        cell: (v) => formatDateTime(v.createdAt, lang),
      },
    ],
    [t, lang],
  );
  const filters: ListFilter[] = [
    {
      kind: 'text',
      key: 'q',
      label: t('common.search'),
      placeholder: t('psirtCases.list.searchPlaceholder'),
      testId: 'vulnerabilities-search',
      width: 260,
    },
    {
      kind: 'select',
      key: 'status',
      label: t('psirtCases.field.status'),
      options: VULNERABILITY_STATUSES.map((s) => ({ value: s, label: t(`psirtCases.status.${s}`) })),
      testId: 'vulnerabilities-status-filter',
      width: 180,
    },
    {
      kind: 'select',
      key: 'severity',
      label: t('psirtCases.field.severity'),
      // high → low (issue #18: severities read in order)
      options: [...CVSS_SEVERITIES].reverse().map((s) => ({ value: s, label: t(`psirt.severity.${s}`) })),
      testId: 'vulnerabilities-severity-filter',
      width: 150,
    },
    {
      kind: 'picker',
      key: 'productId',
      label: t('psirtCases.field.product'),
      render: (p) => (
        <ProductSelect label={p.label} clearable value={p.value} onChange={p.onChange} testId="vulnerabilities-product-filter" />
      ),
    },
  ];

  return (
    <Stack>
      <Title order={2}>{t('psirtCases.list.title')}</Title>
      <DataList
        columns={columns}
        source={cases}
        rowId={(v) => v.id}
        sort={list.sort}
        onSort={list.setSort}
        filters={filters}
        values={list.values}
        onFilter={list.setValue}
        exportHref={(format) => exportUrl('/vulnerabilities/export', list.query, format, lang)}
        exportTestId="vulnerabilities-export"
        selection={
          canManage
            ? {
                selected,
                onChange: setSelected,
                rowLabel: (v) => `${t('psirtCases.number', { number: v.number })} ${v.title}`,
                bar: (ids) => <BulkAssignBar ids={ids} rows={cases.items} onDone={() => setSelected([])} />,
              }
            : undefined
        }
        emptyText={t('psirtCases.list.none')}
        testId="vulnerabilities-table"
      />
    </Stack>
  );
}

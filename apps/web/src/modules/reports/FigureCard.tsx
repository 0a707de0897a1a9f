import { Anchor, Badge, Group, Paper, SegmentedControl, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from '../../components/Table';
import { figureXlsxUrl, type Figure } from './api';
import { DrillLink } from './DrillLink';
import { formatValue } from './format';
import { Sparkline } from './Sparkline';

// The chart code is fetched with the first chart, never with the shell.
const Chart = lazy(() => import('./Chart'));

/**
 * One figure: the headline number with its trend, a drill-down to the list behind it, the chart or (for screen
 * readers, and anyone who prefers it) the same numbers as a table, and the numbers as XLSX.
 */
export function FigureCard({ figure: f, query }: { figure: Figure; query: { fiscalYear?: number; unitId?: string | null } }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const [view, setView] = useState<'chart' | 'table'>(f.chart ? 'chart' : 'table');
  const delta = f.value !== null && f.previous !== null ? Math.round((f.value - f.previous) * 10) / 10 : null;
  const titleId = `figure-${f.source.replace(/\W/g, '-')}`;
  return (
    <Paper withBorder p="md" data-testid={`figure-${f.source}`} aria-labelledby={titleId} component="section">
      <Stack gap="xs">
        <Title order={3} size="h5" id={titleId}>
          {f.title[lang]}
        </Title>
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Text fz={28} fw={700} data-testid={`figure-value-${f.source}`}>
            {formatValue(f, f.value, lang)}
          </Text>
          {delta !== null && (
            <Badge variant="light" color={delta === 0 ? 'gray' : 'blue'}>
              {delta > 0 ? '▲' : delta < 0 ? '▼' : '＝'}{' '}
              {t(`reportsUi.trend.${f.trendPeriod ?? 'period'}`, { value: formatValue(f, f.previous, lang) })}
            </Badge>
          )}
        </Group>
        <Sparkline figure={f} lang={lang} />
        {f.rows.length > 0 && (
          <>
            {f.chart && (
              <SegmentedControl
                size="xs"
                value={view}
                onChange={(v) => setView(v as 'chart' | 'table')}
                data={[
                  { value: 'chart', label: t('reportsUi.chart') },
                  { value: 'table', label: t('reportsUi.table') },
                ]}
                aria-label={t('reportsUi.viewAs')}
              />
            )}
            {view === 'chart' && f.chart ? (
              <>
                <Suspense fallback={<div style={{ height: 180 }} />}>
                  <Chart figure={f} lang={lang} />
                </Suspense>
                <VisuallyHidden>{t('reportsUi.chartHint')}</VisuallyHidden>
              </>
            ) : (
              <Table minWidth={280} data-testid={`figure-table-${f.source}`}>
                <Table.Caption>{f.title[lang]}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('reportsUi.category')}</VisuallyHidden>
                    </Table.Th>
                    {f.columns.map((c) => (
                      <Table.Th key={c.key} scope="col" style={{ textAlign: 'right' }}>
                        {c.label[lang]}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {f.rows.map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Th scope="row">{r.label[lang]}</Table.Th>
                      {r.values.map((v, i) => (
                        <Table.Td key={i} style={{ textAlign: 'right' }}>
                          {v.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB')}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
        {f.rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('reportsUi.noData')}
          </Text>
        )}
        <Group gap="md">
          {f.href && (
            <DrillLink href={f.href} testId={`figure-drill-${f.source}`}>
              {t('reportsUi.drill')}
            </DrillLink>
          )}
          <Anchor href={figureXlsxUrl(f.source, query, lang)} size="sm" download>
            {t('reportsUi.xlsx')}
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}

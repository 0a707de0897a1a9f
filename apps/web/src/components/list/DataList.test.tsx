import { MantineProvider } from '@mantine/core';
import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import en from '../../modules/lists/i18n/en.json';
import ja from '../../modules/lists/i18n/ja.json';
import { DataList, type DataListProps } from './DataList';
import { exportUrl } from './query';
import type { ListColumn, ListSource } from './types';

interface Row {
  id: string;
  name: string;
  score: number;
}

const rows: Row[] = [
  { id: 'a', name: 'Alpha', score: 9.8 },
  { id: 'b', name: 'Bravo', score: 5.1 },
];
const columns: ListColumn<Row>[] = [
  { id: 'name', header: 'Name', cell: (r) => r.name, sortKey: 'name' },
  { id: 'score', header: 'Score', cell: (r) => r.score.toFixed(1), sortKey: 'score', sortDescFirst: true },
  { id: 'note', header: 'Note', cell: () => '—' },
];
const source = (over: Partial<ListSource<Row>> = {}): ListSource<Row> => ({
  items: rows,
  total: 2,
  isPending: false,
  error: null,
  hasNextPage: false,
  isFetchingNextPage: false,
  loadMore: () => undefined,
  ...over,
});

async function render(props: Partial<DataListProps<Row>>, lang: 'ja' | 'en' = 'en') {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({
    lng: lang,
    resources: { ja: { translation: ja }, en: { translation: en } },
  });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MantineProvider>
        <DataList<Row> columns={columns} source={source()} rowId={(r) => r.id} testId="t-table" {...props} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

const thOf = (html: string, id: string) => new RegExp(`<th[^>]*data-testid="list-col-${id}"[^>]*>`).exec(html)?.[0] ?? '';

describe('DataList', () => {
  it('renders the rows inside the scrolling table box', async () => {
    const html = await render({});
    expect(html).toContain('data-testid="t-table"');
    expect(html).toContain('Alpha');
    expect(html).toContain('Bravo');
    expect(html).toMatch(/mantine-ScrollArea|ScrollContainer/);
  });

  it('offers sort buttons only on columns the API sorts by, with aria-sort on them', async () => {
    const html = await render({ sort: '-score', onSort: () => undefined });
    expect(thOf(html, 'score')).toContain('aria-sort="descending"');
    expect(thOf(html, 'name')).toContain('aria-sort="none"');
    expect(thOf(html, 'note')).not.toContain('aria-sort');
    expect(html.match(/<button/g)?.length).toBe(2);
  });

  it('has no sort buttons when the page does not sort', async () => {
    const html = await render({ sort: 'name' });
    expect(html).not.toContain('aria-sort');
    expect(html).not.toContain('<button');
  });

  it('labels the selection checkboxes by row, and shows the bulk bar while rows are selected', async () => {
    const html = await render({
      selection: { selected: ['b'], onChange: () => undefined, rowLabel: (r) => r.name, bar: () => <span>BULK</span> },
    });
    expect(html).toContain('aria-label="Select Alpha"');
    expect(html).toContain('aria-label="Select Bravo"');
    expect(html).toContain('aria-label="Select all rows shown"');
    expect(html).toContain('data-testid="list-bulk-bar"');
    expect(html).toContain('1 selected');
    expect(html).toContain('BULK');
    // Bravo's box is checked, Alpha's is not
    expect(
      /<input[^>]*aria-label="Select Bravo"[^>]*checked=""/.test(html) || /checked=""[^>]*aria-label="Select Bravo"/.test(html),
    ).toBe(true);
    expect(/<input[^>]*checked=""[^>]*aria-label="Select Alpha"/.test(html)).toBe(false);
  });

  it('shows the empty state in the reader’s language, and a loader while the first page loads', async () => {
    expect(await render({ source: source({ items: [], total: 0 }) }, 'ja')).toContain('この条件に合う行はありません。');
    expect(await render({ source: source({ items: [], total: 0 }), emptyText: 'Nobody' })).toContain('Nobody');
    const loading = await render({ source: source({ items: [], isPending: true }) });
    expect(loading).toContain('data-testid="list-loading"');
    expect(loading).not.toContain('data-testid="t-table"');
  });

  it('renders the filters from their spec, a picker by name included, and the export menu', async () => {
    const html = await render({
      filters: [
        { kind: 'text', key: 'q', label: 'Search', testId: 'f-q' },
        { kind: 'select', key: 'status', label: 'Status', options: [{ value: 'open', label: 'Open' }], testId: 'f-status' },
        { kind: 'picker', key: 'actorId', label: 'Actor', render: ({ label, value }) => <i data-picker={value}>{label}</i> },
      ],
      values: { q: 'al', status: 'open', actorId: 'acc-1' },
      onFilter: () => undefined,
      exportHref: (f) => `/api/x/export?format=${f}`,
    });
    expect(html).toContain('data-testid="f-q"');
    expect(html).toContain('value="al"');
    expect(html).toContain('data-testid="f-status"');
    expect(html).toContain('data-picker="acc-1"');
    expect(html).toContain('data-testid="list-export"');
    expect(html).toContain('Export');
  });

  it('shows the count and total under the rows', async () => {
    expect(await render({ source: source({ total: 7, hasNextPage: true }) })).toContain('data-testid="load-more"');
  });
});

describe('exportUrl', () => {
  it('carries the list’s filters and sort, the format, the reader’s language and time zone', () => {
    const url = exportUrl('/people/export', { q: 'sato', sort: '-employeeNo', status: undefined }, 'csv', 'ja', 'Asia/Tokyo');
    expect(url).toBe('/api/people/export?q=sato&sort=-employeeNo&format=csv&lang=ja&tz=Asia%2FTokyo');
    expect(exportUrl('/a', {}, 'xlsx', 'fr', 'UTC')).toBe('/api/a?format=xlsx&lang=en&tz=UTC');
  });
});

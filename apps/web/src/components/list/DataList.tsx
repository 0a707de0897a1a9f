import { Center, Checkbox, Group, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import {
  functionalUpdate,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type RowSelectionState,
  type Updater,
} from '@tanstack/react-table';
import { Fragment, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../LoadMore';
import { ProblemAlert } from '../problem';
import { Table } from '../Table';
import { ExportMenu } from './ExportMenu';
import { ListFilters } from './ListFilters';
import type { ExportFormat } from './query';
import { ariaSort, nextSort, parseSort } from './sort';
import type { FilterValues, ListColumn, ListFilter, ListSource } from './types';

const NOWRAP = { whiteSpace: 'nowrap' } as const;
/** a badge shrinks to an ellipsis in a narrow cell (Mantine's label hides its overflow): its own width is the minimum */
const UNSQUEEZED = { display: 'inline-block', minWidth: 'max-content' } as const;

const features = tableFeatures({ rowSortingFeature, rowSelectionFeature });
type Features = typeof features;

/** Row selection with a bar of bulk actions over the selected rows (shown while some are selected). */
export interface ListSelection<T> {
  selected: string[];
  onChange: (ids: string[]) => void;
  /** the row's name for its checkbox's label ("Select CVE-2026-1234") */
  rowLabel: (row: T) => string;
  bar: (ids: string[]) => ReactNode;
}

export interface DataListProps<T> {
  columns: ListColumn<T>[];
  source: ListSource<T>;
  rowId: (row: T) => string;
  /** the API sort (`key` / `-key`) and its setter; without them no header sorts */
  sort?: string | undefined;
  onSort?: (sort: string) => void;
  filters?: ListFilter[];
  values?: FilterValues;
  onFilter?: (key: string, value: string | null) => void;
  /** the export's download link per format: the same filters and sort as the list (query.ts `exportUrl`) */
  exportHref?: (format: ExportFormat) => string;
  exportTestId?: string;
  /** buttons beside the export (create, import…) */
  actions?: ReactNode;
  selection?: ListSelection<T>;
  emptyText?: string;
  testId?: string;
  /** the rows' test id: one for all, or one per row (`incident-row-12`) */
  rowTestId?: string | ((row: T) => string);
  onRowClick?: (row: T) => void;
  /** a row of its own under a row (e.g. the details of an opened row), spanning every column */
  rowDetail?: (row: T) => ReactNode;
  minWidth?: number;
}

const toSelection = (ids: string[]): RowSelectionState => Object.fromEntries(ids.map((id) => [id, true]));

/**
 * Every list of the app (issue #18): TanStack Table's column and selection model under Mantine, inside the
 * scrolling `Table` (a wide table scrolls in its own box at phone width, never the page). Sorting, filtering and
 * paging are the server's (keyset paging: the rows on screen are pages of one server-side order); the component
 * renders the filters from their spec, sort buttons on the columns the API sorts by, the export menu, selection
 * with a bulk-action bar, the count and "load more", and the loading and empty states.
 */
export function DataList<T extends RowData>(props: DataListProps<T>) {
  const { columns, source, rowId, sort, onSort, selection } = props;
  const { t } = useTranslation();
  const defs = useMemo<ColumnDef<Features, T>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        // TanStack sorts only columns with an accessor; the value is never read (the server sorts)
        accessorFn: () => c.sortKey ?? null,
        cell: (ctx: { row: { original: T } }) => c.cell(ctx.row.original),
        enableSorting: !!c.sortKey && !!onSort,
        sortDescFirst: c.sortDescFirst ?? false,
      })),
    [columns, onSort],
  );
  const sorted = parseSort(sort);
  const sortedColumn = sorted && columns.find((c) => c.sortKey === sorted.key);
  const rowSelection = useMemo(() => toSelection(selection?.selected ?? []), [selection?.selected]);
  const table = useTable({
    features,
    columns: defs,
    data: source.items,
    getRowId: (row: T) => rowId(row),
    manualSorting: true,
    enableSortingRemoval: false,
    enableRowSelection: !!selection,
    state: {
      sorting: sortedColumn ? [{ id: sortedColumn.id, desc: sorted.desc }] : [],
      rowSelection,
    },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      const next = functionalUpdate(updater, rowSelection);
      selection?.onChange(Object.keys(next).filter((k) => next[k]));
    },
  });
  const byId = new Map(columns.map((c) => [c.id, c]));
  const width = columns.length + (selection ? 1 : 0);
  const selectedIds = selection?.selected ?? [];

  const toolbar = (props.filters?.length || props.exportHref || props.actions) && (
    <Group justify="space-between" align="flex-end" gap="sm">
      {props.filters?.length && props.values && props.onFilter ? (
        <ListFilters filters={props.filters} values={props.values} onChange={props.onFilter} />
      ) : (
        <span />
      )}
      <Group gap="sm">
        {props.actions}
        {props.exportHref && <ExportMenu href={props.exportHref} testId={props.exportTestId} />}
      </Group>
    </Group>
  );

  return (
    <Stack gap="sm">
      {toolbar}
      <ProblemAlert error={source.error} />
      {selection && selectedIds.length > 0 && (
        <Group gap="sm" data-testid="list-bulk-bar" role="region" aria-label={t('lists.selected', { count: selectedIds.length })}>
          <Text size="sm" fw={600}>
            {t('lists.selected', { count: selectedIds.length })}
          </Text>
          {selection.bar(selectedIds)}
          <UnstyledButton onClick={() => selection.onChange([])} fz="sm" c="blue">
            {t('lists.clearSelection')}
          </UnstyledButton>
        </Group>
      )}
      {/* The table appears with its first rows: an empty header whose columns then widen would move the page (CLS). */}
      {source.isPending && !source.error ? (
        <Center py="md" data-testid="list-loading">
          <Loader aria-label={t('lists.loading')} />
        </Center>
      ) : (
        <>
          <Table striped highlightOnHover data-testid={props.testId} minWidth={props.minWidth}>
            <Table.Thead>
              {table.getHeaderGroups().map((group) => (
                <Table.Tr key={group.id}>
                  {selection && (
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label={t('lists.selectAll')}
                        checked={table.getIsAllRowsSelected()}
                        indeterminate={table.getIsSomeRowsSelected()}
                        onChange={table.getToggleAllRowsSelectedHandler()}
                        data-testid="list-select-all"
                      />
                    </Table.Th>
                  )}
                  {group.headers.map((header) => {
                    const col = byId.get(header.column.id)!;
                    const canSort = header.column.getCanSort();
                    return (
                      <Table.Th
                        key={header.id}
                        w={col.width}
                        style={col.nowrap ? NOWRAP : undefined}
                        aria-sort={canSort ? ariaSort(sort, col.sortKey) : undefined}
                        data-testid={`list-col-${col.id}`}
                      >
                        {canSort ? (
                          <SortButton
                            label={col.header}
                            state={ariaSort(sort, col.sortKey)}
                            onClick={() => onSort!(nextSort(sort, col.sortKey!, col.sortDescFirst))}
                          />
                        ) : (
                          col.header
                        )}
                      </Table.Th>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Thead>
            <Table.Tbody>
              {table.getRowModel().rows.map((row) => {
                const detail = props.rowDetail?.(row.original);
                return (
                  <Fragment key={row.id}>
                    <Table.Tr
                      data-testid={typeof props.rowTestId === 'function' ? props.rowTestId(row.original) : props.rowTestId}
                      onClick={props.onRowClick && (() => props.onRowClick!(row.original))}
                      style={props.onRowClick && { cursor: 'pointer' }}
                    >
                      {selection && (
                        <Table.Td onClick={(e) => e.stopPropagation()}>
                          <Checkbox
                            aria-label={t('lists.selectRow', { name: selection.rowLabel(row.original) })}
                            checked={row.getIsSelected()}
                            onChange={row.getToggleSelectedHandler()}
                            data-testid="list-select-row"
                          />
                        </Table.Td>
                      )}
                      {row.getAllCells().map((cell) => {
                        const col = byId.get(cell.column.id)!;
                        return (
                          <Table.Td key={cell.id} style={col.nowrap ? NOWRAP : undefined}>
                            {col.nowrap ? <span style={UNSQUEEZED}>{col.cell(row.original)}</span> : col.cell(row.original)}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                    {detail && (
                      <Table.Tr>
                        <Table.Td colSpan={width}>{detail}</Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
          {source.items.length === 0 && !source.error && (
            <Text c="dimmed" size="sm" data-testid="list-empty">
              {props.emptyText ?? t('lists.empty')}
            </Text>
          )}
          <LoadMore
            shown={source.items.length}
            total={source.total}
            hasMore={source.hasNextPage}
            loading={source.isFetchingNextPage}
            onMore={source.loadMore}
          />
        </>
      )}
    </Stack>
  );
}

/** A header's sort button: the whole header text is the button; the arrow shows the direction. */
function SortButton({
  label,
  state,
  onClick,
}: {
  label: string;
  state: 'ascending' | 'descending' | 'none';
  onClick: () => void;
}) {
  const arrow = state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕';
  return (
    <UnstyledButton onClick={onClick} fw={700} fz="sm" style={{ whiteSpace: 'nowrap' }}>
      {label}{' '}
      <Text span aria-hidden c={state === 'none' ? 'dimmed' : undefined} fz="xs">
        {arrow}
      </Text>
    </UnstyledButton>
  );
}

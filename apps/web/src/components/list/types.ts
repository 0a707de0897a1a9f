import type { ReactNode } from 'react';

/** One column of a list: its header in the reader's language (a `t()` text), how a row shows in it, and how it sorts. */
export interface ListColumn<T> {
  id: string;
  /** the header, already in the reader's language */
  header: string;
  cell: (row: T) => ReactNode;
  /**
   * The list API's sort key of this column: the header becomes a sort button sending `sort=<key>` (ascending) or
   * `sort=-<key>` (descending). Leave it out where the API cannot sort by the column: only the API can sort a
   * keyset-paged list, so a column the API does not sort by offers no sort at all.
   */
  sortKey?: string;
  /** the first click sorts descending (dates, scores: newest or highest first) */
  sortDescFirst?: boolean;
  width?: number | string;
  /**
   * A short value (a number, a badge, a date) kept on one line and never squeezed: the table grows and scrolls in its
   * own box instead of cutting a badge to "初動…" (issue #18).
   */
  nowrap?: boolean;
}

interface FilterBase {
  /** the list API's query parameter */
  key: string;
  label: string;
  testId?: string;
  width?: number;
}

/**
 * A filter the list renders above its rows. Records are chosen by name, never by a raw id: a `picker` renders the
 * domain's own search-by-name select (people, org units, accounts, products) with the value and setter it is given.
 */
export type ListFilter =
  | (FilterBase & { kind: 'text'; placeholder?: string })
  | (FilterBase & { kind: 'select'; options: { value: string; label: string }[]; clearable?: boolean })
  | (FilterBase & {
      kind: 'picker';
      render: (props: { label: string; value: string | null; onChange: (v: string | null) => void }) => ReactNode;
    });

/** The filter values of a list by query parameter; `null` (or an empty text) means "not filtered". */
export type FilterValues = Record<string, string | null>;

/** What a keyset-paged list query gives the list (api/infinite.ts `usePagedList`). */
export interface ListSource<T> {
  items: T[];
  total?: number | undefined;
  isPending: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  loadMore: () => void;
}

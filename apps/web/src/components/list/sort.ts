/**
 * The `sort` query parameter of Mamori's list APIs (docs/DESIGN: `sort=key`, `sort=-key` for descending) and the
 * header sort buttons' cycle. Pure, so the component's behaviour is tested without a browser.
 */
export interface SortState {
  key: string;
  desc: boolean;
}

export const parseSort = (sort: string | undefined): SortState | null =>
  sort ? { key: sort.replace(/^-/, ''), desc: sort.startsWith('-') } : null;

export const formatSort = (s: SortState): string => (s.desc ? `-${s.key}` : s.key);

/**
 * The sort after a click on a column's header: another column sorts by it (ascending, or descending where the
 * column's first direction is descending — dates and scores read newest/highest first); the same column flips.
 * A list always has a sort (keyset paging needs one), so a click never removes it.
 */
export function nextSort(current: string | undefined, key: string, firstDesc = false): string {
  const now = parseSort(current);
  if (!now || now.key !== key) return formatSort({ key, desc: firstDesc });
  return formatSort({ key, desc: !now.desc });
}

/** The `aria-sort` of a column's header: only the sorted column says its direction. */
export function ariaSort(current: string | undefined, key: string | undefined): 'ascending' | 'descending' | 'none' {
  const now = parseSort(current);
  if (!key || !now || now.key !== key) return 'none';
  return now.desc ? 'descending' : 'ascending';
}

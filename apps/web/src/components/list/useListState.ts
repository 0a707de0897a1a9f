import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { filterQuery } from './query';
import type { FilterValues } from './types';

/**
 * A list's filters and sort, kept by the page (it passes `query` to its list API and to the export link, so the
 * export holds exactly the rows on screen). Typing in a text filter asks the server 300 ms after the last key.
 */
export function useListState(initial: { filters?: FilterValues; sort?: string } = {}) {
  const [values, setValues] = useState<FilterValues>(initial.filters ?? {});
  const [sort, setSort] = useState<string | undefined>(initial.sort);
  const [debounced] = useDebouncedValue(values, 300);
  const query = useMemo<Record<string, string | undefined>>(() => ({ ...filterQuery(debounced), sort }), [debounced, sort]);
  return {
    values,
    setValue: (key: string, value: string | null) => setValues((v) => ({ ...v, [key]: value })),
    reset: () => setValues(initial.filters ?? {}),
    sort,
    setSort,
    /** the filters (debounced) and sort as the list API's query parameters */
    query,
  };
}

export type ListState = ReturnType<typeof useListState>;

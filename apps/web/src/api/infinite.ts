import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './types';

type Filters = Record<string, string | number | undefined>;

/** A keyset-paged list: `items` of all loaded pages, `loadMore()` fetches the next cursor. */
export function usePagedList<T>(key: readonly unknown[], path: string, filters: Filters, enabled = true) {
  const query = useInfiniteQuery({
    queryKey: [...key, filters],
    queryFn: ({ pageParam, signal }) => api<Page<T>>(path, { query: { ...filters, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total;
  return { ...query, items, total, loadMore: () => void query.fetchNextPage() };
}

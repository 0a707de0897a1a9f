import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import { api } from '../../api/client';
import { usePagedList } from '../../api/infinite';

export type TakeOut = C.TakeOut;
export type TakeOutListItem = C.TakeOutListItem;
export type TakeOutAsset = C.TakeOutAsset;
export type View = (typeof C.TAKE_OUT_VIEWS)[number];

const key = ['take-outs'] as const;

export const useTakeOuts = (view: View) => usePagedList<TakeOutListItem>([...key, 'list'], '/take-outs', { view, limit: 50 });

export const useTakeOut = (id: string) => useQuery({ queryKey: [...key, id], queryFn: () => api<TakeOut>(`/take-outs/${id}`) });

export const usePickableAssets = (q: string) =>
  useQuery({
    queryKey: [...key, 'assets', q],
    queryFn: () => api<TakeOutAsset[]>('/take-outs/assets', { query: { q: q || undefined } }),
  });

export function useRequestTakeOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: C.CreateTakeOutBody) => api<TakeOut>('/take-outs', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

/** decide, return or cancel: each answers the request as it now stands */
export function useTakeOutAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: 'decide' | 'return' | 'cancel'; body?: unknown }) =>
      api<TakeOut>(`/take-outs/${id}/${action}`, { method: 'POST', json: body ?? {} }),
    onSuccess: (t) => {
      qc.setQueryData([...key, id], t);
      void qc.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import { api } from '../../api/client';
import { usePagedList } from '../../api/infinite';

export type AssetReview = C.AssetReview;
export type AssetReviewListItem = C.AssetReviewListItem;
export type AssetReviewUnit = C.AssetReviewUnit;

const key = ['asset-reviews'] as const;

export const useReviews = () => usePagedList<AssetReviewListItem>([...key, 'list'], '/asset-reviews', { limit: 50 });
export const useReview = (id: string) =>
  useQuery({ queryKey: [...key, id], queryFn: () => api<AssetReview>(`/asset-reviews/${id}`) });
export const useReviewUnits = (
  id: string,
  filters: { state?: string | undefined; siteId?: string | undefined; unitId?: string | undefined },
) => usePagedList<AssetReviewUnit>([...key, id, 'units'], `/asset-reviews/${id}/units`, { ...filters, limit: 100 });

export function useOpenReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: C.CreateAssetReviewBody) => api<AssetReview>('/asset-reviews', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useConfirmUnit(id: string, unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: C.ConfirmAssetReviewBody) =>
      api<AssetReviewUnit>(`/asset-reviews/${id}/units/${unitId}/confirm`, { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';
import { usePagedList } from '../../api/infinite';

export type Zone = C.Zone;
export type ZoneSite = z.infer<typeof C.ZoneSite>;
export type ZoneAsset = z.infer<typeof C.ZoneAsset>;
export type BringIn = C.BringIn;
export type ZoneVisit = C.ZoneVisit;
export type ZoneFinding = C.ZoneFinding;
export type BringInView = 'mine' | 'toApprove' | 'all';

const key = ['zones'] as const;
const bkey = ['bring-ins'] as const;

export const useZoneSites = () => useQuery({ queryKey: [...key, 'sites'], queryFn: () => api<ZoneSite[]>('/zones') });
export const useZone = (id: string) => useQuery({ queryKey: [...key, id], queryFn: () => api<Zone>(`/zones/${id}`) });
export const useZoneAssets = (id: string) =>
  useQuery({ queryKey: [...key, id, 'assets'], queryFn: () => api<ZoneAsset[]>(`/zones/${id}/assets`) });
export const useVisits = (id: string, enabled: boolean) =>
  usePagedList<ZoneVisit>([...key, id, 'visits'], `/zones/${id}/visits`, { limit: 50 }, enabled);
export const useFindings = () =>
  useQuery({ queryKey: [...key, 'findings'], queryFn: () => api<ZoneFinding[]>('/zone-findings') });

export function useZoneMutation(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, ifMatch }: { body: Record<string, unknown>; ifMatch?: number }) =>
      id
        ? api<Zone>(`/zones/${id}`, { method: 'PATCH', json: body, ifMatch })
        : api<Zone>('/zones', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function usePlaceAsset(zoneId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ assetId, remove }: { assetId: string; remove?: boolean }) =>
      remove
        ? api<ZoneAsset[]>(`/zones/${zoneId}/assets/${assetId}`, { method: 'DELETE' })
        : api<ZoneAsset[]>(`/zones/${zoneId}/assets`, { method: 'POST', json: { assetId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useImportVisits(zoneId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      api<{ created: number }>(`/zones/${zoneId}/visits/import`, {
        method: 'POST',
        text: { body: file, contentType: 'text/csv' },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, zoneId, 'visits'] }),
  });
}

export function useCloseFinding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/zone-findings/${id}/close`, { method: 'POST', json: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'findings'] }),
  });
}

export const useBringIns = (view: BringInView, zoneId?: string) =>
  usePagedList<BringIn>([...bkey, 'list', view, zoneId ?? ''], '/bring-ins', { view, zoneId, limit: 50 });
export const useBringIn = (id: string) => useQuery({ queryKey: [...bkey, id], queryFn: () => api<BringIn>(`/bring-ins/${id}`) });

export function useRequestBringIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<BringIn>('/bring-ins', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: bkey }),
  });
}

export function useBringInAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: 'decide' | 'cancel'; body?: unknown }) =>
      api<BringIn>(`/bring-ins/${id}/${action}`, { method: 'POST', json: body ?? {} }),
    onSuccess: (b) => {
      qc.setQueryData([...bkey, id], b);
      void qc.invalidateQueries({ queryKey: [...bkey, 'list'] });
    },
  });
}

/** People by name or number (the owner and entrant pickers). */
export const usePeopleSearch = (q: string) =>
  useQuery({
    queryKey: ['people', 'pick', q],
    enabled: q.length > 0,
    queryFn: () =>
      api<{ items: { id: string; employeeNo: string; nameJa: string; nameEn: string }[] }>('/people', {
        query: { q, limit: 10 },
      }),
  });

/** Assets of the ledger by name (the "keep an asset here" picker). */
export const useAssetSearch = (q: string) =>
  useQuery({
    queryKey: ['assets', 'pick', q],
    enabled: q.length > 0,
    queryFn: () => api<{ items: { id: string; name: string; classCode: string }[] }>('/assets', { query: { q, limit: 10 } }),
  });

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import { api } from '../../api/client';

export type Drill = C.Drill;
export type DrillSummary = C.DrillSummary;
export type DrillResults = C.DrillResults;
export type DrillResultRow = C.DrillResultRow;
export type DrillTrendRow = C.DrillTrendRow;
export type DrillRecipient = C.DrillRecipient;
export type DrillPreview = C.DrillPreview;
export type DrillDesign = C.CreateDrillBody;
export type Dimension = (typeof C.DRILL_RESULT_DIMENSIONS)[number];

const key = ['drills'] as const;

export const useDrills = () =>
  useQuery({ queryKey: [...key, 'list'], queryFn: () => api<{ items: DrillSummary[] }>('/drills', { query: { limit: 100 } }) });
export const useTrend = () => useQuery({ queryKey: [...key, 'trend'], queryFn: () => api<DrillTrendRow[]>('/drills/trend') });
export const useDrill = (id: string) => useQuery({ queryKey: [...key, id], queryFn: () => api<Drill>(`/drills/${id}`) });
export const useResults = (id: string, by: Dimension, enabled = true) =>
  useQuery({
    queryKey: [...key, id, 'results', by],
    queryFn: () => api<DrillResults>(`/drills/${id}/results`, { query: { by } }),
    enabled,
  });
export const useRecipients = (id: string, status: string, enabled: boolean) =>
  useQuery({
    queryKey: [...key, id, 'recipients', status],
    queryFn: () =>
      api<{ items: DrillRecipient[]; nextCursor: string | null }>(`/drills/${id}/recipients`, { query: { status, limit: 200 } }),
    enabled,
  });

export function useDrillMutation<V, R = unknown>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

export const createDrill = (body: DrillDesign) => api<Drill>('/drills', { method: 'POST', json: body });
export const previewDrill = (body: DrillDesign) => api<DrillPreview>('/drills/preview', { method: 'POST', json: body });
export const queueDrill = (d: { id: string; rowVersion: number }) =>
  api<Drill>(`/drills/${d.id}/queue`, { method: 'POST', json: {}, ifMatch: d.rowVersion });
export const cancelDrill = (d: { id: string; rowVersion: number }) =>
  api<Drill>(`/drills/${d.id}/cancel`, { method: 'POST', json: {}, ifMatch: d.rowVersion });

/** A rate in percent with one decimal; 0 when nothing was delivered. */
export const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0);

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api, buildUrl } from '../../api/client';
import { usePagedList } from '../../api/infinite';

/** A contract type as it arrives in JSON: dates are ISO strings. */
type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

export type Risk = Json<C.Risk>;
export type RiskListItem = Json<C.RiskListItem>;
export type RiskMethod = C.RiskMethod;
export type MethodSetting = Json<z.infer<typeof C.RiskMethodSetting>>;
export type Heatmap = C.Heatmap;
export type ThreatCatalog = C.RiskThreatCatalog;
export type LevelRef = C.LevelRef;
export type BusinessFlow = Json<C.BusinessFlow>;
export type FlowListItem = Json<z.infer<typeof C.FlowListItem>>;
export type RiskInput = z.input<typeof C.CreateStepRiskBody>;

export type Filters = Record<string, string | undefined>;
const key = ['risks'] as const;

export const useRisks = (filters: Filters) => usePagedList<RiskListItem>([...key, 'list'], '/risks', { ...filters, limit: 50 });
export const exportUrl = (filters: Filters, lang: string) => buildUrl('/risks/export.xlsx', { ...filters, lang });
export const useRisk = (id: string | undefined) =>
  useQuery({ queryKey: [...key, id], queryFn: () => api<Risk>(`/risks/${id}`), enabled: !!id });
export const useHeatmap = (basis: string, unitId: string | undefined) =>
  useQuery({
    queryKey: [...key, 'heatmap', basis, unitId],
    queryFn: () => api<Heatmap>('/risks/heatmap', { query: { basis, unitId } }),
  });
export const useThreats = () =>
  useQuery({ queryKey: ['threats'], queryFn: () => api<ThreatCatalog>('/threats'), staleTime: Infinity });
export const useMethod = (unitId?: string | null) =>
  useQuery({
    queryKey: ['risk-method', unitId ?? null],
    queryFn: () => api<MethodSetting>('/settings/risk-method', { query: { unitId: unitId ?? undefined } }),
  });
export const useMethodHistory = () =>
  useQuery({
    queryKey: ['risk-method', 'history'],
    queryFn: () => api<{ version: number; changedAt: string; changedBy: string | null }[]>('/settings/risk-method/history'),
  });

/** Any change of a risk or a flow: every list, map and record is refetched. */
export function useRiskMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: ['business-flows'] });
      void qc.invalidateQueries({ queryKey: ['risk-method'] });
    },
  });
}

export const createRisk = (body: RiskInput & { unitId: string }) => api<Risk>('/risks', { method: 'POST', json: body });
export const createStepRisk = (flowId: string, stepId: string, body: RiskInput) =>
  api<Risk>(`/business-flows/${flowId}/steps/${stepId}/risks`, { method: 'POST', json: body });
export const updateRisk = (id: string, body: Partial<RiskInput>, ifMatch: number) =>
  api<Risk>(`/risks/${id}`, { method: 'PATCH', json: body, ifMatch });
export const acceptRisk = (id: string, ifMatch: number) =>
  api<Risk>(`/risks/${id}/accept`, { method: 'POST', json: {}, ifMatch });
export const saveMethod = (method: RiskMethod, ifMatch: number) =>
  api<MethodSetting>('/settings/risk-method', { method: 'PUT', json: method, ifMatch });

export const useFlows = () => usePagedList<FlowListItem>(['business-flows', 'list'], '/business-flows', { limit: 50 });
export const useFlow = (id: string) =>
  useQuery({ queryKey: ['business-flows', id], queryFn: () => api<BusinessFlow>(`/business-flows/${id}`) });
export const createFlow = (body: { unitId: string; name: string; description?: string }) =>
  api<BusinessFlow>('/business-flows', { method: 'POST', json: body });
export const updateFlow = (id: string, body: z.input<typeof C.UpdateFlowBody>, ifMatch: number) =>
  api<BusinessFlow>(`/business-flows/${id}`, { method: 'PATCH', json: body, ifMatch });

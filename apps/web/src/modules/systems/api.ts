import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';
import { usePagedList } from '../../api/infinite';

export type System = C.System;
export type SystemFinding = C.SystemFinding;
export type CoverageRow = z.infer<typeof C.CoverageRow>;
export type CoverageSource = C.CoverageSource;
export type ServiceReview = C.ServiceReview;
export type ApprovedService = C.ApprovedService;
export type ChecklistItem = C.ChecklistItem;
export type ImportResult = z.infer<typeof C.CoverageImportResult>;

const key = ['systems'] as const;
const rkey = ['service-reviews'] as const;

export const useSystems = (filters: { kind?: string; gaps?: string; q?: string }) =>
  usePagedList<System>([...key, 'list'], '/systems', { ...filters, limit: 50 });
export const useSystem = (id: string) => useQuery({ queryKey: [...key, id], queryFn: () => api<System>(`/systems/${id}`) });
/** The information assets stored in a system that the reader may see. */
export const useStoredAssets = (id: string) =>
  useQuery({ queryKey: [...key, id, 'assets'], queryFn: () => api<C.StoredAssets>(`/systems/${id}/assets`) });
export const useCoverage = (by: 'unit' | 'site') =>
  useQuery({ queryKey: [...key, 'coverage', by], queryFn: () => api<CoverageRow[]>('/coverage', { query: { by } }) });
export const useFindings = (filters: { kind?: string }) =>
  usePagedList<SystemFinding>([...key, 'findings'], '/system-findings', { ...filters, limit: 50 });
export const useSources = () =>
  useQuery({ queryKey: [...key, 'sources'], queryFn: () => api<CoverageSource[]>('/coverage-sources') });

export function useImportCoverage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ sourceId, unitId, file }: { sourceId: string; unitId: string; file: File }) =>
      api<ImportResult>(`/coverage-sources/${sourceId}/import`, {
        method: 'POST',
        query: { unitId },
        text: { body: file, contentType: 'text/csv' },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export const useReviews = (status?: string) =>
  usePagedList<ServiceReview>([...rkey, 'list'], '/service-reviews', { status, limit: 50 });
export const useReview = (id: string) =>
  useQuery({ queryKey: [...rkey, id], queryFn: () => api<ServiceReview>(`/service-reviews/${id}`) });
export const useChecklist = () =>
  useQuery({ queryKey: [...rkey, 'checklist'], queryFn: () => api<ChecklistItem[]>('/service-reviews/checklist') });
export const useApprovedServices = (q?: string) =>
  usePagedList<ApprovedService>(['approved-services'], '/approved-services', { q, limit: 50 });

export function useRequestReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<ServiceReview>('/service-reviews', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: rkey }),
  });
}

export function useDecideReview(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, ifMatch }: { body: Record<string, unknown>; ifMatch: number }) =>
      api<ServiceReview>(`/service-reviews/${id}/decide`, { method: 'POST', json: body, ifMatch }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: rkey });
      void qc.invalidateQueries({ queryKey: ['approved-services'] });
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import { api } from '../../api/client';

export type SupplierAdvisorySummary = C.SupplierAdvisorySummary;
export type SupplierAdvisoryDetail = C.SupplierAdvisoryDetail;
export type SupplierMatch = C.SupplierMatch;
type Page<T> = { items: T[]; nextCursor: string | null };

const key = ['supplier-advisories'] as const;

export const useSupplierAdvisories = (q: string) =>
  useQuery({
    queryKey: [...key, 'list', q],
    queryFn: () => api<Page<SupplierAdvisorySummary>>(`/supplier-advisories?limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}`),
  });

export const useSupplierAdvisory = (id: string) =>
  useQuery({ queryKey: [...key, 'one', id], queryFn: () => api<SupplierAdvisoryDetail>(`/supplier-advisories/${id}`) });

export const useSupplierMatches = (state: string) =>
  useQuery({
    queryKey: [...key, 'matches', state],
    queryFn: () => api<Page<SupplierMatch>>(`/supplier-advisory-matches?limit=100${state ? `&state=${state}` : ''}`),
  });

/** Uploads a supplier's CSAF file (read in the browser as JSON). */
export function useImportSupplierAdvisory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (doc: unknown) => api<C.SupplierImportResult>('/supplier-advisories', { method: 'POST', json: doc }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

/** Asks for every advisory to be matched again now (a job: the suggestions follow within a minute or so). */
export function useRematchSupplierAdvisories() {
  return useMutation({
    mutationFn: () => api<C.SupplierRematchQueued>('/supplier-advisories/rematch', { method: 'POST', json: {} }),
  });
}

export function useDecideMatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) =>
      reason === undefined
        ? api<SupplierMatch>(`/supplier-advisory-matches/${id}/accept`, { method: 'POST', json: {} })
        : api<SupplierMatch>(`/supplier-advisory-matches/${id}/dismiss`, { method: 'POST', json: { reason } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

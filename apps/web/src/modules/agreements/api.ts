import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api, buildUrl } from '../../api/client';

export type Agreement = z.infer<typeof C.Agreement>;
export type AgreementDetail = z.infer<typeof C.AgreementDetail>;
export type ActivityCatalog = z.infer<typeof C.AgreementActivityCatalog>;
export type MatrixRow = AgreementDetail['activities'][number];

/** Local copies of the contract's enums (no zod at runtime in these chunks). */
export const ROLES = ['responsible', 'approve', 'support', 'inform'] as const;
export type Role = (typeof ROLES)[number];
export const STATUSES = ['draft', 'in_force', 'ended'] as const;
export const COUNTERPARTS = ['customer', 'supplier'] as const;
export const PARTIES = ['own', 'counterpart'] as const;

const key = ['interface-agreements'] as const;

export const useAgreements = () =>
  useQuery({ queryKey: [...key, 'list'], queryFn: () => api<{ items: Agreement[] }>('/interface-agreements') });
export const useAgreement = (id: string) =>
  useQuery({ queryKey: [...key, id], queryFn: () => api<AgreementDetail>(`/interface-agreements/${id}`) });
export const useActivityCatalog = () =>
  useQuery({
    queryKey: [...key, 'activities'],
    queryFn: () => api<ActivityCatalog>('/interface-agreement-activities'),
    staleTime: Infinity,
  });
/** Products in the reader's scope whose code or name matches, for the "new agreement" form. */
export const useProductOptions = (q: string) =>
  useQuery({
    queryKey: ['products', 'options', q],
    queryFn: () =>
      api<{ items: { id: string; code: string; nameJa: string; nameEn: string }[] }>('/products', { query: { q, limit: 20 } }),
  });
/** The analyses of one product, to link the agreement to its TARA. */
export const useProductTaras = (productId: string) =>
  useQuery({
    queryKey: ['tara', 'list', productId],
    queryFn: () => api<{ items: { id: string; title: string }[] }>('/tara-analyses', { query: { productId } }),
  });

/** Any write of the room; refreshes the agreements once it succeeded. */
export function useAgreementMutation<B, R = AgreementDetail>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

export const createAgreement = (json: unknown) => api<AgreementDetail>('/interface-agreements', { method: 'POST', json });
export const updateAgreement = (id: string, json: unknown, ifMatch: number) =>
  api<AgreementDetail>(`/interface-agreements/${id}`, { method: 'PATCH', json, ifMatch });
export const putMatrix = (id: string, activities: MatrixRow[], ifMatch: number) =>
  api<AgreementDetail>(`/interface-agreements/${id}/responsibilities`, { method: 'PUT', json: { activities }, ifMatch });

/** The download link of an export (the session cookie authenticates it). */
export const exportUrl = (id: string, format: 'xlsx' | 'pdf', lang: string) =>
  buildUrl(`/interface-agreements/${id}/export`, { format, lang: lang === 'en' ? 'en' : 'ja' });

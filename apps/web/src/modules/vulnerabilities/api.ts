import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';
import { usePagedList } from '../../api/infinite';
import type { Page } from '../../api/types';

export type Vulnerability = z.infer<typeof C.Vulnerability>;
export type VulnerabilityDetail = z.infer<typeof C.VulnerabilityDetail>;
export type VulnerabilityStatus = Vulnerability['status'];
export type UpdateBody = z.input<typeof C.UpdateVulnerabilityBody>;
export type ProductInput = NonNullable<UpdateBody['products']>[number];
export type AffectedProduct = VulnerabilityDetail['products'][number];
export type Task = z.infer<typeof C.Task>;
export type CreateTaskBody = z.input<typeof C.CreateRemediationTaskBody>;
export type UpdateTaskBody = z.input<typeof C.UpdateRemediationTaskBody>;
export type CreateCoordinationBody = z.input<typeof C.CreateCoordinationBody>;
export type CvssScore = z.infer<typeof C.CvssScore>;
export type PublishBody = z.input<typeof C.PublishAdvisoryBody>;
export type AdvisoryPreview = z.infer<typeof C.AdvisoryPreview>;
export type Advisory = z.infer<typeof C.Advisory>;
export type Product = C.Product;
export type ProductDetail = z.infer<typeof C.ProductDetail>;

export type ListFilters = Record<string, string | undefined>;

const key = ['vulnerabilities'] as const;

/** The cases in the user's need-to-know scope, with the list's filters and sort (keyset pages). */
export function useVulnerabilities(filters: ListFilters) {
  return usePagedList<Vulnerability>([...key, 'list'], '/vulnerabilities', { ...filters, limit: 50 });
}

/** One case (each read is logged by the server). */
export function useVulnerability(id: string | null) {
  return useQuery({
    queryKey: [...key, id],
    queryFn: () => api<VulnerabilityDetail>(`/vulnerabilities/${id}`),
    enabled: id !== null,
  });
}

/** A change to a case; afterwards the case (and the lists) are fetched again. */
export function useCaseMutation<V, R = unknown>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

/** `version`: the case's rowVersion as loaded; a change made by someone else since is refused (412). */
export function useUpdateCase(id: string, version?: number) {
  return useCaseMutation((body: UpdateBody) =>
    api<VulnerabilityDetail>(`/vulnerabilities/${id}`, { method: 'PATCH', json: body, ifMatch: version }),
  );
}

/** The server scores a vector with the same library it stores scores with (nothing is stored). */
export function scoreVector(vector: string, signal?: AbortSignal) {
  return api<CvssScore>('/cvss-scores', { method: 'POST', json: { vector }, signal });
}

/** Products found by code or name (for the product picker and the list filter). */
export function useProductSearch(q: string) {
  return useQuery({
    queryKey: ['products', 'search', q],
    queryFn: () => api<Page<Product>>('/products', { query: { q: q || undefined, limit: 20 } }),
  });
}

/** A product's releases, offered as the affected and fixed versions. */
export function useProduct(id: string | null) {
  return useQuery({
    queryKey: ['products', id],
    queryFn: () => api<ProductDetail>(`/products/${id}`),
    enabled: id !== null,
  });
}

/** Where an attachment downloads (a plain link: the session cookie goes with it, the read is logged). */
export const attachmentUrl = (caseId: string, attachmentId: string) =>
  `/api/vulnerabilities/${caseId}/attachments/${attachmentId}`;

/** Where the public documents of a published advisory are served. */
export const advisoryFileUrl = (id: string, file: 'csaf.json' | 'vex.json' | 'cve.json') =>
  `/api/advisories/${encodeURIComponent(id)}/${file}`;

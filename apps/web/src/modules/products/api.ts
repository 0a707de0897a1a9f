import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api, buildUrl, problemFrom } from '../../api/client';
import { usePagedList } from '../../api/infinite';
import { useMe } from '../auth/api';

export type Product = C.Product;
export type ProductDetail = z.infer<typeof C.ProductDetail>;
export type ProductBody = z.input<typeof C.CreateProductBody>;
export type Release = C.Release;
export type ReleaseBody = z.input<typeof C.UpdateReleaseBody>;
export type TestRun = z.infer<typeof C.TestRun>;
export type Finding = z.infer<typeof C.Finding>;
export type TestRunBody = z.input<typeof C.CreateTestRunBody>;
export type ThreatAnalysis = z.infer<typeof C.ThreatAnalysis>;
export type Threat = z.infer<typeof C.Threat>;
export type ThreatBody = z.input<typeof C.CreateThreatBody>;
export type ProtectedAsset = z.infer<typeof C.ProtectedAsset>;
export type SbomImportResult = z.infer<typeof C.SbomImportResult>;
export type ReleaseComponent = z.infer<typeof C.ReleaseComponent>;
export type ComponentUse = z.infer<typeof C.ComponentUse>;
export type Licences = z.infer<typeof C.ReleaseLicences>;
export type ProductLines = z.infer<typeof C.ProductLines>;
export type Filters = Record<string, string | undefined>;

/** Local copies of the contract's enums (no zod at runtime in these chunks). */
export const STAGES = ['plan', 'design', 'implement', 'verify', 'operate', 'end_of_support'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const FINDING_STATUSES = ['open', 'fixed', 'risk_accepted', 'false_positive'] as const;
export const TEST_KINDS = ['black_box', 'fuzzing', 'penetration', 'static_analysis'] as const;
export const STRIDE = [
  'spoofing',
  'tampering',
  'repudiation',
  'information_disclosure',
  'denial_of_service',
  'elevation_of_privilege',
] as const;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const PROTECTED_KINDS = ['asset', 'function'] as const;
export type Stage = (typeof STAGES)[number];
export type Severity = (typeof SEVERITIES)[number];

const key = ['products'] as const;

export function useProducts(filters: Filters) {
  return usePagedList<Product>([...key, 'list'], '/products', { ...filters, limit: 50 });
}
export function useProductLines() {
  return useQuery({ queryKey: [...key, 'lines'], queryFn: () => api<ProductLines>('/product-lines') });
}
export function useProduct(id: string) {
  return useQuery({ queryKey: [...key, id], queryFn: () => api<ProductDetail>(`/products/${id}`) });
}
export function useThreats(id: string) {
  return useQuery({ queryKey: [...key, id, 'threats'], queryFn: () => api<ThreatAnalysis>(`/products/${id}/threats`) });
}

export const releasePath = (productId: string, releaseId: string) => `/products/${productId}/releases/${releaseId}`;

export function useTestRuns(productId: string, releaseId: string) {
  return useQuery({
    queryKey: [...key, productId, releaseId, 'test-runs'],
    queryFn: () => api<{ items: TestRun[] }>(`${releasePath(productId, releaseId)}/test-runs`),
  });
}
export function useLicences(productId: string, releaseId: string) {
  return useQuery({
    queryKey: [...key, productId, releaseId, 'licences'],
    queryFn: () => api<Licences>(`${releasePath(productId, releaseId)}/licences`),
  });
}
export function useReleaseComponents(productId: string, releaseId: string, q: string) {
  return usePagedList<ReleaseComponent>(
    [...key, productId, releaseId, 'components'],
    `${releasePath(productId, releaseId)}/components`,
    { q: q || undefined, limit: 100 },
  );
}
/** Where a component ships; nothing is asked until a name is given. */
export function useComponentSearch(name: string, version: string) {
  return usePagedList<ComponentUse>(
    [...key, 'where-used'],
    '/components',
    { name, version: version || undefined, limit: 100 },
    name !== '',
  );
}

/** Any write of the module; refreshes everything product-related once it succeeded. */
export function useProductMutation<B, R = unknown>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}
export const post = <R>(path: string, json: unknown) => api<R>(path, { method: 'POST', json });
/** `ifMatch`: the record's rowVersion as loaded (main records); a change made by someone else since is refused (412). */
export const patch = <R>(path: string, json: unknown, ifMatch?: number) => api<R>(path, { method: 'PATCH', json, ifMatch });

/** The content type the server parses the file by: XML is CycloneDX; JSON is CycloneDX or SPDX (told by its content). */
export const sbomContentType = (file: File) =>
  /\.xml$/i.test(file.name) || /xml/.test(file.type) ? 'application/xml' : 'application/json';

/**
 * Uploads a release's SBOM file as-is; a refusal throws the ApiError the server gave (what is wrong with the file).
 * A file without components is refused (`empty-sbom`) unless sent again with `replaceWithEmpty`.
 */
export function useUploadSbom(productId: string, releaseId: string) {
  const me = useMe();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, replaceWithEmpty = false }: { file: File; replaceWithEmpty?: boolean }) => {
      const path = `${releasePath(productId, releaseId)}/sbom${replaceWithEmpty ? '?replaceWithEmpty=true' : ''}`;
      const res = await fetch(buildUrl(path), {
        method: 'POST',
        headers: {
          'content-type': sbomContentType(file),
          'x-csrf-token': me.data?.csrfToken ?? '',
          accept: 'application/json',
        },
        body: file,
        credentials: 'same-origin',
      });
      if (!res.ok) throw await problemFrom(res);
      return (await res.json()) as SbomImportResult;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

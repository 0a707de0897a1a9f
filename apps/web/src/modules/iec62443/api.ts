import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api, buildUrl } from '../../api/client';

export type Assessment = z.infer<typeof C.Iec62443Assessment>;
export type Summary = z.infer<typeof C.Iec62443Summary>;
export type Catalog = z.infer<typeof C.Iec62443Catalog>;
export type CatalogRequirement = Catalog['requirements'][number];
export type RequirementState = Assessment['requirements'][number];
export type PracticeState = Assessment['practices'][number];
export type Link = RequirementState['links'][number];
export type SlTarget = Assessment['slTarget'];

/** Local copies of the contract's enums (no zod at runtime in these chunks). */
export const COMPONENT_TYPES = ['software_application', 'embedded_device', 'host_device', 'network_device'] as const;
export const STATUSES = ['met', 'partly', 'not_met', 'not_applicable'] as const;
export type Status = (typeof STATUSES)[number];
export const FR_KEYS = ['fr1', 'fr2', 'fr3', 'fr4', 'fr5', 'fr6', 'fr7'] as const;
export const STATUS_COLOR = { met: 'green', partly: 'yellow', not_met: 'red', not_applicable: 'gray', open: 'blue' } as const;

const key = ['iec62443'] as const;

export const useAssessments = () =>
  useQuery({ queryKey: [...key, 'list'], queryFn: () => api<{ items: Summary[] }>('/iec62443-assessments') });
export const useAssessment = (productId: string) =>
  useQuery({ queryKey: [...key, productId], queryFn: () => api<Assessment>(`/products/${productId}/iec62443`), retry: false });
export const useCatalog = () =>
  useQuery({ queryKey: [...key, 'catalog'], queryFn: () => api<Catalog>('/iec62443/catalog'), staleTime: Infinity });
/** Products in the reader's scope whose code or name matches, for "start an assessment". */
export const useProductOptions = (q: string) =>
  useQuery({
    queryKey: ['products', 'options', q],
    queryFn: () =>
      api<{ items: { id: string; code: string; nameJa: string; nameEn: string }[] }>('/products', { query: { q, limit: 20 } }),
  });

/** Any write of the room; refreshes the assessments once it succeeded. */
export function useIecMutation<B, R = Assessment>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

const base = (productId: string) => `/products/${productId}/iec62443`;
export const createAssessment = (productId: string, json: unknown) => api<Assessment>(base(productId), { method: 'POST', json });
export const updateAssessment = (productId: string, json: unknown, ifMatch: number) =>
  api<Assessment>(base(productId), { method: 'PATCH', json, ifMatch });
export const putRequirements = (productId: string, items: unknown[], ifMatch: number) =>
  api<Assessment>(`${base(productId)}/requirements`, { method: 'PUT', json: { items }, ifMatch });
export const putPractices = (productId: string, items: unknown[], ifMatch: number) =>
  api<Assessment>(`${base(productId)}/practices`, { method: 'PUT', json: { items }, ifMatch });

/** A stored link as the API takes it back (so an edit keeps the evidence links it does not show). */
export const linkInput = (l: Link) =>
  l.kind === 'url'
    ? { kind: l.kind, url: l.url ?? undefined, label: l.label ?? undefined }
    : { kind: l.kind, targetId: l.targetId ?? undefined, label: l.label ?? undefined };

/** The download link of the XLSX (the session cookie authenticates it). */
export const exportUrl = (productId: string, lang: string) =>
  buildUrl(`${base(productId)}/export`, { lang: lang === 'en' ? 'en' : 'ja' });

export const LINK_KINDS = ['tara_analysis', 'test_plan', 'interface_agreement', 'url'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export type LinkInput = ReturnType<typeof linkInput>;

/** The product's records an evidence link can point to, of one kind (id and title). */
export const useLinkTargets = (productId: string, kind: LinkKind) =>
  useQuery({
    queryKey: [...key, 'targets', productId, kind],
    enabled: kind !== 'url',
    queryFn: async () => {
      const path = {
        tara_analysis: '/tara-analyses',
        test_plan: '/test-plans',
        interface_agreement: '/interface-agreements',
        url: '',
      }[kind];
      const r = await api<{ items: { id: string; title?: string; programme?: string }[] }>(path, { query: { productId } });
      return r.items.map((i) => ({ value: i.id, label: i.title ?? i.programme ?? i.id }));
    },
  });

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api, buildUrl } from '../../api/client';
import { fileToBase64 } from '../incidents/api';

export type TaraAnalysis = C.TaraAnalysis;
export type TaraListItem = z.infer<typeof C.TaraAnalysisListItem>;
export type TaraMethod = C.TaraMethod;
export type TaraMethodSummary = z.infer<typeof C.TaraMethodSummary>;
export type TaraNode = TaraAnalysis['attackNodes'][number];
export type TaraRisk = TaraAnalysis['risks'][number];
export type MethodDefinition = C.TaraMethodDefinition;
export type R155Catalog = C.R155Catalog;
export type R155Coverage = C.TaraR155Coverage;

/** Local copies of the contract's enums (no zod at runtime in these chunks). */
export const IMPACTS = ['negligible', 'moderate', 'major', 'severe'] as const;
export const FEASIBILITIES = ['very_low', 'low', 'medium', 'high'] as const;
export const PROPERTIES = [
  'confidentiality',
  'integrity',
  'availability',
  'authenticity',
  'authorization',
  'non_repudiation',
] as const;
export const TREATMENTS = ['avoid', 'reduce', 'share', 'retain'] as const;
export const NODE_KINDS = ['or', 'and', 'leaf'] as const;
export const STRIDE = [
  'spoofing',
  'tampering',
  'repudiation',
  'information_disclosure',
  'denial_of_service',
  'elevation_of_privilege',
] as const;

const key = ['tara'] as const;

export const useTaraList = (productId?: string) =>
  useQuery({
    queryKey: [...key, 'list', productId ?? 'all'],
    queryFn: () => api<{ items: TaraListItem[] }>('/tara-analyses', { query: { productId } }),
  });
export const useTaraAnalysis = (id: string) =>
  useQuery({ queryKey: [...key, id], queryFn: () => api<TaraAnalysis>(`/tara-analyses/${id}`) });
export const useTaraMethods = () =>
  useQuery({ queryKey: [...key, 'methods'], queryFn: () => api<{ items: TaraMethodSummary[] }>('/tara-methods') });
export const useTaraMethod = (version: number | null) =>
  useQuery({
    queryKey: [...key, 'methods', version],
    queryFn: () => api<TaraMethod>(`/tara-methods/${version}`),
    enabled: version !== null,
  });

export function useCreateTara() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { productId: string; title: string }) =>
      api<TaraAnalysis>('/tara-analyses', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'list'] }),
  });
}

/** A change of the workspace, sent with the version the page shows (If-Match); answers the new workspace. */
export function useTaraChange(analysis: TaraAnalysis) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, json }: { method: 'POST' | 'PATCH' | 'PUT' | 'DELETE'; path: string; json?: unknown }) =>
      api<TaraAnalysis>(`/tara-analyses/${analysis.id}${path}`, { method, json, ifMatch: analysis.rowVersion }),
    onSuccess: (ws) => {
      qc.setQueryData([...key, analysis.id], ws);
      void qc.invalidateQueries({ queryKey: [...key, analysis.id, 'r155'] });
    },
  });
}

export function useMethodChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, json, ifMatch }: { path: string; json?: unknown; ifMatch?: number }) =>
      api<TaraMethod>(`/tara-methods${path}`, { method: 'POST', json: json ?? {}, ifMatch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'methods'] }),
  });
}

export const useR155Catalog = () =>
  useQuery({ queryKey: [...key, 'r155-catalog'], queryFn: () => api<R155Catalog>('/tara-catalogs/r155'), staleTime: Infinity });
export const useR155Coverage = (id: string) =>
  useQuery({ queryKey: [...key, id, 'r155'], queryFn: () => api<R155Coverage>(`/tara-analyses/${id}/r155-coverage`) });

/** The download link of an export (the session cookie authenticates it). */
export const exportUrl = (id: string, format: 'json' | 'xlsx' | 'pdf', lang: string) =>
  buildUrl(`/tara-analyses/${id}/export`, { format, lang: lang === 'en' ? 'en' : 'ja' });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Imports a JSON exchange file or the workbook of the XLSX export, as a new analysis of a product. */
export function useImportTara() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, ...meta }: { productId: string; title?: string; file: File }) =>
      /\.xlsx$/i.test(file.name)
        ? api<TaraAnalysis>('/tara-analyses/import-xlsx', {
            method: 'POST',
            json: { ...meta, file: { mediaType: XLSX_TYPE, contentBase64: await fileToBase64(file) } },
          })
        : api<TaraAnalysis>('/tara-analyses/import', { method: 'POST', json: { ...meta, document: await readJson(file) } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'list'] }),
  });
}

/** The file's JSON; a file that is not JSON is refused here, before anything is sent. */
async function readJson(file: File): Promise<unknown> {
  try {
    return JSON.parse(await file.text()) as unknown;
  } catch {
    throw new Error('not-json');
  }
}

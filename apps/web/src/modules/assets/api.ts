import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api, buildUrl } from '../../api/client';
import { usePagedList } from '../../api/infinite';
import type { Page } from '../../api/types';

export type Asset = z.infer<typeof C.Asset>;
export type AssetDetail = z.infer<typeof C.AssetDetail>;
export type Scheme = z.infer<typeof C.ClassificationScheme>;
export type AssetClass = Scheme['classes'][number];
export type HandlingRule = AssetClass['rules']['label'];
export type CustomField = z.infer<typeof C.CustomField>;
export type SettingOf<T> = { value: T; scope: string; version: number; updatedAt: string | null };
export type History = z.infer<typeof C.SettingHistory>;
export type Filters = Record<string, string | undefined>;

/** Local copies of the contract's enums (no zod at runtime in these chunks). */
export const ASSET_KINDS = ['paper', 'electronic', 'system', 'device', 'media'] as const;
export const HANDLING_ACTIONS = ['label', 'store', 'copy_print', 'send_outside', 'share_partner', 'take_out', 'dispose'] as const;
export const DECISIONS = ['allowed', 'approval', 'forbidden'] as const;
export const APPROVERS = ['org_head', 'site_office', 'ciso'] as const;
export const CONDITIONS = ['encryption', 'nda'] as const;
export const FIELD_TYPES = ['text', 'number', 'date', 'list'] as const;
export const BLOCKING = ['none', 'critical', 'any'] as const;

const key = ['assets'] as const;

export const useAssets = (filters: Filters) =>
  usePagedList<Asset>([...key, 'list'], '/assets', { ...filters, limit: 50, total: 'true' });
export const exportUrl = (ext: 'csv' | 'xlsx', filters: Filters) => buildUrl(`/assets/export.${ext}`, filters);
/** The first 20 assets of a unit's subtree whose name (or text fields) contain `q`: the ledger's own search. */
export const useAssetSearch = (q: string, unitId: string | null) =>
  useQuery({
    queryKey: [...key, 'search', unitId, q],
    queryFn: () => api<Page<Asset>>('/assets', { query: { q: q || undefined, unitId: unitId ?? undefined, limit: 20 } }),
    enabled: !!unitId,
    placeholderData: (prev) => prev,
  });

export const useAsset = (id: string) => useQuery({ queryKey: [...key, id], queryFn: () => api<AssetDetail>(`/assets/${id}`) });
/** The zone where the asset is kept (zones module), asked only by readers of zones. */
export const useAssetZone = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: [...key, id, 'zone'],
    queryFn: () => api<{ zone: { id: string; nameJa: string; nameEn: string } | null }>(`/assets/${id}/zone`),
    enabled,
  });

export const useScheme = (unitId?: string | null) =>
  useQuery({
    queryKey: [...key, 'scheme', unitId ?? null],
    queryFn: () => api<SettingOf<Scheme>>('/settings/classification', { query: { unitId: unitId ?? undefined } }),
  });
export const useSchemeHistory = () =>
  useQuery({ queryKey: [...key, 'scheme', 'history'], queryFn: () => api<History>('/settings/classification/history') });
export const useFields = (unitId?: string | null) =>
  useQuery({
    queryKey: [...key, 'fields', unitId ?? null],
    queryFn: () => api<SettingOf<CustomField[]>>('/settings/asset-fields', { query: { unitId: unitId ?? undefined } }),
  });

/** Any write of the module; refreshes everything asset-related once it succeeded. */
export function useAssetsMutation<B, R = unknown>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

export const saveScheme = (scheme: Scheme, version: number) =>
  api<SettingOf<Scheme>>('/settings/classification', { method: 'PUT', json: scheme, ifMatch: version });
export const saveFields = (fields: CustomField[], version: number) =>
  api<SettingOf<CustomField[]>>('/settings/asset-fields', { method: 'PUT', json: { fields }, ifMatch: version });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const importAssets = (unitId: string, file: File) =>
  api<{ created: number; updated: number }>('/assets/import', {
    method: 'POST',
    query: { unitId },
    text: /\.xlsx$/i.test(file.name) ? { body: file, contentType: XLSX } : { body: file, contentType: 'text/csv' },
  });

/** Text on a class colour: black or white, whichever contrasts more (WCAG relative luminance). */
export function textOn(hex: string): string {
  const c = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type CompanySummary = z.infer<typeof C.CompanySummary>;
export type CompanyProfile = z.infer<typeof C.CompanyProfile>;
export type CompanyProfileBody = z.infer<typeof C.CompanyProfileBody>;
export type EffectiveSetting = z.infer<typeof C.EffectiveCompanySetting>;
export type SettingReach = z.infer<typeof C.SettingReach>;

export { COMPANY_MODULES } from '@mamori/contracts';

const key = ['companies'] as const;

export const useCompanies = () =>
  useQuery({ queryKey: [...key, 'list'], queryFn: () => api<{ items: CompanySummary[] }>('/companies') });
export const useCompany = (unitId: string) =>
  useQuery({ queryKey: [...key, unitId], queryFn: () => api<CompanyProfile>(`/companies/${unitId}`) });
export const useCompanySettings = (unitId: string | null) =>
  useQuery({
    queryKey: [...key, unitId, 'settings'],
    queryFn: () => api<{ items: EffectiveSetting[] }>(`/companies/${unitId}/settings`),
    enabled: !!unitId,
  });
export const useReach = (settingKey: string | null) =>
  useQuery({
    queryKey: [...key, 'reach', settingKey],
    queryFn: () => api<SettingReach>(`/company-settings/${encodeURIComponent(settingKey!)}/reach`),
    enabled: !!settingKey,
  });

/** Any write of the module; refreshes every company query (and the assets' scheme, which a company setting changes). */
export function useCompaniesMutation<B, R = unknown>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['assets'] })]),
  });
}

export const saveProfile = (unitId: string, body: CompanyProfileBody, version: number) =>
  api<CompanyProfile>(`/companies/${unitId}`, { method: 'PUT', json: body, ifMatch: version });
export const saveCompanySetting = (unitId: string, settingKey: string, value: unknown, version: number) =>
  api<EffectiveSetting>(`/companies/${unitId}/settings/${encodeURIComponent(settingKey)}`, {
    method: 'PUT',
    json: { value },
    ifMatch: version,
  });

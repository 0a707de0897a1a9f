import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type Certification = C.Certification;
export type StandardInfo = z.infer<typeof C.CertificationStandardInfo>;
export type CertCompany = z.infer<typeof C.CertificationCompany>;

const key = ['certifications'] as const;

export const useCertifications = (query: { companyId?: string; standard?: string; withdrawn?: string }) =>
  useQuery({
    queryKey: [...key, 'list', query],
    queryFn: () => api<Certification[]>('/certifications', { query }),
  });
export const useCertification = (id: string) =>
  useQuery({ queryKey: [...key, id], queryFn: () => api<Certification>(`/certifications/${id}`) });
export const useStandards = () =>
  useQuery({
    queryKey: [...key, 'standards'],
    queryFn: () => api<StandardInfo[]>('/certifications/standards'),
    staleTime: Infinity,
  });
export const useCertCompanies = (enabled: boolean) =>
  useQuery({
    queryKey: [...key, 'companies'],
    queryFn: () => api<CertCompany[]>('/certifications/companies'),
    enabled,
  });
export const useUnitCertifications = (unitId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...key, 'unit', unitId],
    queryFn: () => api<Certification[]>(`/org-units/${unitId}/certifications`),
    enabled,
  });

export function useSaveCertification(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, ifMatch }: { body: Record<string, unknown>; ifMatch?: number }) =>
      id
        ? api<Certification>(`/certifications/${id}`, { method: 'PATCH', json: body, ifMatch })
        : api<Certification>('/certifications', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

/** Reads a chosen file as base64 (the server checks type and size again: the one file guard). */
const toBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

export function useUploadCertificate(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, ifMatch }: { file: File; ifMatch: number }) =>
      api<Certification>(`/certifications/${id}/file`, {
        method: 'PUT',
        json: { name: file.name, mediaType: file.type || 'application/octet-stream', contentBase64: await toBase64(file) },
        ifMatch,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

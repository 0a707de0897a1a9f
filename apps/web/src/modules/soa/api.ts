import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type Control = C.Control;
export type Soa = C.Soa;
export type SoaVersion = C.SoaVersion;
export type SoaVersionSummary = C.SoaVersionSummary;
export type SoaEntry = C.SoaEntry;
export type SoaLinkedRisk = C.SoaLinkedRisk;
export type SoaDiff = C.SoaDiff;
export type EntryChange = z.input<typeof C.UpdateSoaEntryBody>;
export type StatusRequest = C.ControlStatusRequest;
export type StatusRequestSummary = z.infer<typeof C.ControlStatusRequestSummary>;
export type StatusAnswer = z.input<typeof C.ControlStatusAnswerBody>['answers'][number];

const soaKey = ['soa'] as const;
const statusKey = ['control-status'] as const;

/** The Annex A catalogue (static data: fetched once per session). */
export function useControls() {
  return useQuery({ queryKey: ['controls'], queryFn: () => api<Control[]>('/controls'), staleTime: Infinity });
}

export const useSoas = () => useQuery({ queryKey: [...soaKey, 'list'], queryFn: () => api<Soa[]>('/soa') });
export const useVersions = (id: string) =>
  useQuery({ queryKey: [...soaKey, id, 'versions'], queryFn: () => api<SoaVersionSummary[]>(`/soa/${id}/versions`) });
export const useVersion = (id: string, v: number | null) =>
  useQuery({
    queryKey: [...soaKey, id, 'version', v],
    queryFn: () => api<SoaVersion>(`/soa/${id}/versions/${v}`),
    enabled: v !== null,
  });
export const useDiff = (id: string, from: number | null, to: number | null) =>
  useQuery({
    queryKey: [...soaKey, id, 'diff', from, to],
    queryFn: () => api<SoaDiff>(`/soa/${id}/diff`, { query: { from, to } }),
    enabled: from !== null && to !== null && from !== to,
  });

/** Any change to an SoA; everything of the SoAs is fetched again afterwards. */
export function useSoaMutation<V, R = unknown>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: soaKey }) });
}

export const createSoa = (scopeUnitId: string) => api<SoaVersion>('/soa', { method: 'POST', json: { scopeUnitId } });
export const updateEntry = (id: string, v: number, controlId: string, body: EntryChange, version: number) =>
  api<SoaEntry & { rowVersion: number }>(`/soa/${id}/versions/${v}/entries/${controlId}`, {
    method: 'PATCH',
    json: body,
    ifMatch: version,
  });
export const step = (id: string, v: number, action: 'submit' | 'approve', version: number) =>
  api<SoaVersion>(`/soa/${id}/versions/${v}/${action}`, { method: 'POST', json: {}, ifMatch: version });
export const returnVersion = (id: string, v: number, reason: string) =>
  api<SoaVersion>(`/soa/${id}/versions/${v}/return`, { method: 'POST', json: { reason } });
export const newVersion = (id: string) => api<SoaVersion>(`/soa/${id}/versions`, { method: 'POST', json: {} });

export const useStatusRequests = () =>
  useQuery({ queryKey: [...statusKey, 'list'], queryFn: () => api<StatusRequestSummary[]>('/control-status-requests') });
export const useStatusRequest = (id: string) =>
  useQuery({ queryKey: [...statusKey, id], queryFn: () => api<StatusRequest>(`/control-status-requests/${id}`) });

export function useStatusMutation<V, R = unknown>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: statusKey }) });
}
export const createStatusRequest = (body: z.input<typeof C.CreateControlStatusRequestBody>) =>
  api<StatusRequest>('/control-status-requests', { method: 'POST', json: body });
export const answerStatusRequest = (id: string, unitId: string, answers: StatusAnswer[], version: number) =>
  api(`/control-status-requests/${id}/units/${unitId}/answer`, { method: 'POST', json: { answers }, ifMatch: version });

/** Reads a file as base64 (without the data: prefix) for the JSON upload body. */
function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Attaches an evidence file to a draft entry (the server accepts PDF, Office, images and text up to 10 MB). */
export const uploadEvidence = async (id: string, v: number, controlId: string, file: File) =>
  api(`/soa/${id}/versions/${v}/entries/${controlId}/evidence`, {
    method: 'POST',
    json: { name: file.name, mediaType: file.type || 'application/octet-stream', contentBase64: await fileToBase64(file) },
  });

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type DocumentSummary = C.DocumentSummary;
export type DocumentDetail = C.DocumentDetail;
export type DocumentVersion = C.DocumentVersion;
export type AckRates = C.AckRates;
export type AckMissing = z.infer<typeof C.AckMissing>;
export type CreateDocument = z.input<typeof C.CreateDocumentBody>;
export type VersionChange = z.input<typeof C.UpdateDocumentVersionBody>;

const key = ['documents'] as const;

export const useDocuments = (view: 'portal' | 'manage', q: string) =>
  useQuery({
    queryKey: [...key, 'list', view, q],
    queryFn: () => api<{ items: DocumentSummary[] }>('/documents', { query: { view, q: q || undefined } }),
  });
export const useDocument = (id: string) =>
  useQuery({ queryKey: [...key, id], queryFn: () => api<DocumentDetail>(`/documents/${id}`) });
export const useVersion = (id: string, v: number | null) =>
  useQuery({
    queryKey: [...key, id, 'version', v],
    queryFn: () => api<DocumentVersion>(`/documents/${id}/versions/${v}`),
    enabled: v !== null,
  });
export const useAckRates = (id: string, enabled: boolean) =>
  useQuery({ queryKey: [...key, id, 'acks'], queryFn: () => api<AckRates>(`/documents/${id}/acknowledgements`), enabled });
export const useAckMissing = (id: string, unitId: string | null) =>
  useQuery({
    queryKey: [...key, id, 'missing', unitId],
    queryFn: () => api<AckMissing>(`/documents/${id}/acknowledgements/missing`, { query: { unitId } }),
    enabled: unitId !== null,
  });

/** Any change to a document; everything of the documents is fetched again afterwards. */
export function useDocMutation<V, R = unknown>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

export const createDocument = (body: CreateDocument) => api<DocumentDetail>('/documents', { method: 'POST', json: body });
export const acknowledge = ({ id, v }: { id: string; v: number }) =>
  api(`/documents/${id}/versions/${v}/acknowledge`, { method: 'POST', json: {} });
export const updateVersion = ({ id, v, body, version }: { id: string; v: number; body: VersionChange; version: number }) =>
  api<DocumentVersion>(`/documents/${id}/versions/${v}`, { method: 'PATCH', json: body, ifMatch: version });
export const step = ({
  id,
  v,
  action,
  version,
}: {
  id: string;
  v: number;
  action: 'submit' | 'approve' | 'publish';
  version: number;
}) => api(`/documents/${id}/versions/${v}/${action}`, { method: 'POST', json: {}, ifMatch: version });
export const returnVersion = ({ id, v, reason }: { id: string; v: number; reason: string }) =>
  api(`/documents/${id}/versions/${v}/return`, { method: 'POST', json: { reason } });
export const review = ({
  id,
  outcome,
  reason,
  version,
}: {
  id: string;
  outcome: 'unchanged' | 'revise';
  reason: string;
  version: number;
}) => api<DocumentDetail>(`/documents/${id}/review`, { method: 'POST', json: { outcome, reason }, ifMatch: version });

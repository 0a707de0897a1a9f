import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type Programme = C.AuditProgramme;
export type AuditSummary = C.InternalAuditSummary;
export type Audit = C.InternalAudit;
export type Finding = C.AuditFinding;
export type Auditor = C.InternalAuditor;
export type Answer = z.input<typeof C.AnswerAuditFindingBody>;
export type NewFinding = z.input<typeof C.CreateAuditFindingBody>;

const key = ['internal-audits'] as const;

export const usePrograms = () =>
  useQuery({ queryKey: [...key, 'programmes'], queryFn: () => api<Programme[]>('/audit-programmes') });
export const useAudits = (query: { programmeId?: string | undefined; month?: string | undefined; mine?: 'true' | undefined }) =>
  useQuery({
    queryKey: [...key, 'audits', query],
    queryFn: () => api<{ items: AuditSummary[]; total: number }>('/audits', { query }),
    enabled: !!query.programmeId || !!query.mine,
  });
export const useAudit = (id: string) => useQuery({ queryKey: [...key, 'audit', id], queryFn: () => api<Audit>(`/audits/${id}`) });
export const useFindings = (auditId: string) =>
  useQuery({
    queryKey: [...key, 'findings', auditId],
    // an audit's own findings in their numbers' order (the list answers overdue and due first, for the board)
    queryFn: async () => {
      const res = await api<{ items: Finding[]; total: number }>('/audit-findings', { query: { auditId, limit: 200 } });
      return { ...res, items: [...res.items].sort((a, b) => a.number - b.number) };
    },
  });
export const useFinding = (id: string) =>
  useQuery({ queryKey: [...key, 'finding', id], queryFn: () => api<Finding>(`/audit-findings/${id}`) });
export const useBoard = () =>
  useQuery({
    queryKey: [...key, 'board'],
    queryFn: () => api<{ columns: { state: C.FindingState; items: Finding[]; total: number }[] }>('/audit-findings/board'),
  });
export const useAuditors = () => useQuery({ queryKey: [...key, 'auditors'], queryFn: () => api<Auditor[]>('/auditors') });

/** Any change in internal audits; everything of them is fetched again afterwards. */
export function useAuditMutation<V, R = unknown>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

export const transition = (a: { id: string; to: 'in_progress' | 'reported' | 'closed'; version: number }) =>
  api<Audit>(`/audits/${a.id}/transition`, { method: 'POST', json: { to: a.to }, ifMatch: a.version });
export const updateAudit = (a: { id: string; body: z.input<typeof C.UpdateAuditBody>; version: number }) =>
  api<Audit>(`/audits/${a.id}`, { method: 'PATCH', json: a.body, ifMatch: a.version });
export const setResult = (a: { id: string; ref: string; result: C.AuditChecklistItem['result']; notes: string }) =>
  api<C.AuditChecklistItem>(`/audits/${a.id}/checklist/${encodeURIComponent(a.ref)}`, {
    method: 'PUT',
    json: { result: a.result, notes: a.notes },
  });
export const createFinding = (body: NewFinding) => api<Finding>('/audit-findings', { method: 'POST', json: body });
export const answerFinding = (a: { id: string; body: Answer; version: number }) =>
  api<Finding>(`/audit-findings/${a.id}/answer`, { method: 'POST', json: a.body, ifMatch: a.version });
export const verifyFinding = (a: {
  id: string;
  body: { decision: 'close' | 'reopen'; effectivenessCheck?: string; reason?: string };
  version: number;
}) => api<Finding>(`/audit-findings/${a.id}/verify`, { method: 'POST', json: a.body, ifMatch: a.version });

export type Proposal = C.UnitProposal;
export type PlanAudit = z.input<typeof C.PlanAudit>;
export type AuditorBody = z.input<typeof C.CreateAuditorBody>;
export type AuditorChanges = z.input<typeof C.UpdateAuditorBody>;
export type Interview = z.input<typeof C.AuditInterview>;

export const useProposals = (programmeId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: [...key, 'proposals', programmeId],
    queryFn: () => api<Proposal[]>(`/audit-programmes/${programmeId}/proposals`),
    enabled: enabled && !!programmeId,
  });

export const createProgramme = (body: z.input<typeof C.CreateProgrammeBody>) =>
  api<Programme>('/audit-programmes', { method: 'POST', json: body });
export const planAudits = (a: { programmeId: string; audits: PlanAudit[] }) =>
  api<{ created: string[] }>(`/audit-programmes/${a.programmeId}/audits`, { method: 'POST', json: { audits: a.audits } });
export const scheduleFollowUp = (a: { id: string; body: z.input<typeof C.FollowUpBody> }) =>
  api<Audit>(`/audits/${a.id}/follow-up`, { method: 'POST', json: a.body });
export const createAuditor = (body: AuditorBody) => api<Auditor>('/auditors', { method: 'POST', json: body });
export const updateAuditor = (a: { id: string; body: AuditorChanges; version: number }) =>
  api<Auditor>(`/auditors/${a.id}`, { method: 'PATCH', json: a.body, ifMatch: a.version });

/** Evidence files are at most 10 MB (the server refuses more with `audits.evidence_too_large`). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** A file's bytes as base64 (without the `data:` prefix), for the JSON upload body. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
export const uploadEvidence = async (a: { id: string; file: File }) =>
  api<C.InternalAudit['evidence'][number]>(`/audits/${a.id}/evidence`, {
    method: 'POST',
    json: { name: a.file.name, mediaType: a.file.type || 'application/octet-stream', contentBase64: await fileToBase64(a.file) },
  });

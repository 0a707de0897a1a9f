import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api, buildUrl, problemFrom } from '../../api/client';
import { usePagedList } from '../../api/infinite';
import { useMe } from '../auth/api';

export type Partner = C.Partner;
export type PartnerDetail = z.infer<typeof C.PartnerDetail>;
export type PartnerBody = z.input<typeof C.CreatePartnerBody>;
export type Contact = z.input<typeof C.PartnerContact>;
export type Subcontractor = z.infer<typeof C.Subcontractor>;
export type Nda = z.infer<typeof C.Nda>;
export type Exchange = z.infer<typeof C.Exchange>;
export type Visit = z.infer<typeof C.Visit>;
export type Campaign = z.infer<typeof C.Campaign>;
export type AssessmentSummary = z.infer<typeof C.AssessmentSummary>;
export type Assessment = C.Assessment;
export type AnswerItem = z.infer<typeof C.AnswerItem>;
export type AnswerInput = z.input<typeof C.AnswerInput>;
export type AnswerValue = z.infer<typeof C.AnswerValue>;
export type ImprovementRequest = z.infer<typeof C.ImprovementRequest>;
export type Dashboard = z.infer<typeof C.PartnerDashboard>;
export type IncidentBody = z.input<typeof C.CreatePartnerIncidentBody>;
export type ReopenRequest = z.infer<typeof C.ReopenRequest>;
export type AssessmentRound = z.infer<typeof C.AssessmentRound>;
export type ExchangeBody = z.input<typeof C.CreateExchangeBody>;
export type VisitFinding = z.input<typeof C.VisitFinding>;
export type Thresholds = z.infer<typeof C.TierThresholds>;
export type PartnerIncident = z.infer<typeof C.PartnerIncident>;
export type Filters = Record<string, string | undefined>;

/** Local copies of the contract's enums (no zod at runtime in these chunks). */
export const TIERS = ['high', 'medium', 'low'] as const;
export const ANSWER_VALUES = ['implemented', 'partly', 'not_implemented', 'not_applicable'] as const;
export const IR_STATUSES = ['open', 'answered', 'returned', 'accepted'] as const;
export const NDA_PROVISIONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'] as const;
export const EXCHANGE_FORMS = ['papers', 'digitized', 'embodiment', 'know_how'] as const;
export const SEVERITIES = ['info', 'minor', 'major'] as const;
export const GROUPS = ['1', '2', '3', '4', '5'] as const;
export const INCIDENT_KINDS = [
  'loss_or_theft',
  'leak',
  'misdelivery',
  'unauthorized_access',
  'malware',
  'availability',
  'integrity',
  'other',
] as const;

const key = ['partners'] as const;

export function usePartners(filters: Filters) {
  return usePagedList<Partner>([...key, 'list'], '/partners', { ...filters, limit: 50 });
}
export const partnersExportUrl = (filters: Filters) => buildUrl('/partners/export.xlsx', filters);

export function usePartner(id: string) {
  return useQuery({ queryKey: [...key, id], queryFn: () => api<PartnerDetail>(`/partners/${id}`) });
}
/** A list under a partner (subcontractors, ndas, exchanges, visits). */
export function usePartnerSub<T>(id: string, sub: string) {
  return useQuery({ queryKey: [...key, id, sub], queryFn: () => api<T[]>(`/partners/${id}/${sub}`) });
}

/** Any write of the module; refreshes everything partner-related once it succeeded. */
export function usePartnerMutation<B, R = unknown>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
export const post = <R>(path: string, json: unknown) => api<R>(path, { method: 'POST', json });
/** `ifMatch`: the record's rowVersion as loaded (main records); a change made by someone else since is refused (412). */
export const patch = <R>(path: string, json: unknown, ifMatch?: number) => api<R>(path, { method: 'PATCH', json, ifMatch });

export function useCampaigns() {
  return usePagedList<Campaign>([...key, 'campaigns'], '/partner-campaigns', { limit: 50 });
}
export function useAssessments(filters: Filters, enabled = true) {
  return usePagedList<AssessmentSummary>([...key, 'assessments'], '/partner-assessments', { ...filters, limit: 50 }, enabled);
}
export function useAssessment(id: string) {
  return useQuery({ queryKey: [...key, 'assessment', id], queryFn: () => api<Assessment>(`/partner-assessments/${id}`) });
}
export function useImprovements(filters: Filters) {
  return usePagedList<ImprovementRequest>([...key, 'improvements'], '/improvement-requests', { ...filters, limit: 50 });
}
/** Incident reports: a partner user's own company's, or those of the partners in the office's scope. */
export function usePartnerIncidents() {
  return usePagedList<PartnerIncident>([...key, 'incidents'], '/partner-incidents', { limit: 50 });
}
export function useDashboard() {
  return useQuery({ queryKey: [...key, 'dashboard'], queryFn: () => api<Dashboard>('/partner-dashboard') });
}
export function useThresholds() {
  return useQuery({ queryKey: [...key, 'tiers'], queryFn: () => api<Thresholds>('/partner-tiers') });
}
export function useReopenRequests(filters: Filters, enabled = true) {
  return usePagedList<ReopenRequest>([...key, 'reopen-requests'], '/partner-reopen-requests', { ...filters, limit: 50 }, enabled);
}

/** The lists behind the dashboard's figures, as XLSX downloads (headers in the UI language). */
export const exportUrls = (lang: string) => ({
  overdueAssessments: buildUrl('/partner-assessments/export.xlsx', { overdue: 'true', lang }),
  overdueIrs: buildUrl('/improvement-requests/export.xlsx', { overdue: 'true', lang }),
  openIrs: buildUrl('/improvement-requests/export.xlsx', { open: 'true', lang }),
  noNda: buildUrl('/partners/export.xlsx', { noValidNda: 'true', status: 'active', lang }),
  noNotice: buildUrl('/partner-subcontractors/export.xlsx', { status: 'pending_notice', lang }),
  unscored: buildUrl('/partners/export.xlsx', { unscored: 'true', status: 'active', lang }),
});

/** Uploads one file of a partner (signed NDA, evidence) as raw bytes; returns its id. */
export async function uploadPartnerFile(partnerId: string, file: File, csrfToken: string): Promise<string> {
  const res = await fetch(buildUrl(`/partners/${partnerId}/files`, { name: file.name }), {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', 'x-csrf-token': csrfToken },
    body: file,
    credentials: 'same-origin',
  });
  if (!res.ok) throw await problemFrom(res);
  return ((await res.json()) as { id: string }).id;
}
export const fileUrl = (id: string) => buildUrl(`/partner-files/${id}`);

export const checkSheetUrl = (id: string, lang: string) => buildUrl(`/partner-assessments/${id}/check-sheet.xlsx`, { lang });

/** Uploads a filled check sheet (raw bytes, the XLSX content type); a refusal throws the ApiError with per-row errors. */
export function useUploadCheckSheet(id: string) {
  const me = useMe();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const res = await fetch(buildUrl(`/partner-assessments/${id}/check-sheet.xlsx`), {
        method: 'PUT',
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'x-csrf-token': me.data?.csrfToken ?? '',
          accept: 'application/json',
        },
        body: file,
        credentials: 'same-origin',
      });
      if (!res.ok) throw await problemFrom(res);
      return (await res.json()) as { applied: number; unchanged: number };
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

/** Score as shown: one decimal, or "—" when nothing was counted. */
export const fmtScore = (s: number | null | undefined) => (s === null || s === undefined ? '—' : s.toFixed(1));

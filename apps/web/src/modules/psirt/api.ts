import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';
import { usePagedList } from '../../api/infinite';

export type AdvisorySummary = z.infer<typeof C.AdvisorySummary>;
export type Advisory = z.infer<typeof C.Advisory>;
export type VulnerabilityReportBody = z.input<typeof C.VulnerabilityReportBody>;
export type VulnerabilityReportReceipt = z.infer<typeof C.VulnerabilityReportReceipt>;

const advisoriesKey = ['public-advisories'] as const;

/** Published advisories, newest first (public: no session needed). */
export function useAdvisories() {
  return usePagedList<AdvisorySummary>(advisoriesKey, '/advisories', { limit: 50 });
}

export function useAdvisory(id: string) {
  return useQuery({ queryKey: [...advisoriesKey, id], queryFn: () => api<Advisory>(`/advisories/${encodeURIComponent(id)}`) });
}

/** The public report form: answers only with the secret tracking link. */
export function useReportVulnerability() {
  return useMutation({
    mutationFn: (body: VulnerabilityReportBody) =>
      api<VulnerabilityReportReceipt>('/vulnerability-reports', { method: 'POST', json: body }),
  });
}

/** Where the machine-readable documents of an advisory are served. */
export const advisoryFileUrl = (id: string, file: 'csaf.json' | 'vex.json' | 'cve.json') =>
  `/api/advisories/${encodeURIComponent(id)}/${file}`;

export type ReporterView = z.infer<typeof C.ReporterView>;
const trackingKey = (token: string) => ['report-tracking', token] as const;

/** The reporter's view of their case through the secret tracking link (no account). */
export function useTracking(token: string) {
  return useQuery({
    queryKey: trackingKey(token),
    queryFn: () => api<ReporterView>(`/vulnerability-reports/${encodeURIComponent(token)}/messages`),
  });
}

export function useSendTrackingMessage(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      api<ReporterView>(`/vulnerability-reports/${encodeURIComponent(token)}/messages`, { method: 'POST', json: { body } }),
    onSuccess: (view) => qc.setQueryData(trackingKey(token), view),
  });
}

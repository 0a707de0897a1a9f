import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type CraReporting = z.infer<typeof C.CraReporting>;
export type CraDeadline = z.infer<typeof C.CraDeadline>;
export type MarkCraBody = z.input<typeof C.MarkCraBody>;
export type CraFixBody = z.input<typeof C.CraFixBody>;
export type CraSubmissionBody = z.input<typeof C.CraSubmissionBody>;

const key = (id: string) => ['vulnerabilities', id, 'cra'] as const;

/** The case's CRA reporting: whether it is marked, and each stage with its due time and submission. */
export function useCraReporting(id: string) {
  return useQuery({ queryKey: key(id), queryFn: () => api<CraReporting>(`/vulnerabilities/${id}/deadlines`) });
}

/** A change to the CRA reporting: the answer is the new state, and "needs my attention" is fetched again. */
export function useCraMutation<V>(id: string, path: '' | '/fix' | '/submissions') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: V) => api<CraReporting>(`/vulnerabilities/${id}/cra-reporting${path}`, { method: 'POST', json: body }),
    onSuccess: (data) => {
      qc.setQueryData(key(id), data);
      void qc.invalidateQueries({ queryKey: ['attention'] });
      if (path === '/submissions') void qc.invalidateQueries({ queryKey: draftsKey(id) });
    },
  });
}

export type CraSavedDraft = z.infer<typeof C.CraSavedDraft>;
export type CraSavedDraftDetail = z.infer<typeof C.CraSavedDraftDetail>;
export type SaveCraDraftBody = z.input<typeof C.SaveCraDraftBody>;
export type ReviewCraDraftBody = z.input<typeof C.ReviewCraDraftBody>;

const draftsKey = (id: string) => ['vulnerabilities', id, 'cra', 'saved-drafts'] as const;
const draftsPath = (id: string) => `/vulnerabilities/${id}/cra-reporting/saved-drafts`;

/** The report drafts saved for review on the case, newest first. */
export function useCraSavedDrafts(id: string) {
  return useQuery({
    queryKey: draftsKey(id),
    queryFn: () => api<{ items: CraSavedDraft[] }>(draftsPath(id)).then((r) => r.items),
  });
}

/** Saves the stage's draft as generated now, or marks a saved draft reviewed; the list is fetched again. */
export function useCraDraftMutation<V>(id: string, path: (v: V) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: V) => api<CraSavedDraftDetail>(`${draftsPath(id)}${path(body)}`, { method: 'POST', json: body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: draftsKey(id) }),
  });
}

export type CraUserNotice = z.infer<typeof C.CraUserNotice>;

/** Drafts the CRA art. 14(8) user notice as the case's advisory: the CRA view and the case (its publishing form) reload. */
export function useCraUserNotice(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof C.UserNoticeBody>) =>
      api<CraUserNotice>(`/vulnerabilities/${id}/cra-reporting/user-notice`, { method: 'POST', json: body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: key(id) });
      void qc.invalidateQueries({ queryKey: ['vulnerabilities', id] });
    },
  });
}

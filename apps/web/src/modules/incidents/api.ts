import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api, buildUrl } from '../../api/client';
import { usePagedList } from '../../api/infinite';

export type Incident = C.Incident;
export type IncidentListItem = C.IncidentListItem;
export type IncidentStats = C.IncidentStats;
export type ReportBody = z.input<typeof C.ReportIncidentBody>;
export type UpdateBody = C.UpdateIncidentBody;
export type TimelineEntry = z.infer<typeof C.TimelineEntry>;
export type Deadline = z.infer<typeof C.Deadline>;
export type Task = z.infer<typeof C.IncidentTask>;
export type Member = z.infer<typeof C.IncidentMember>;
export type Evidence = z.infer<typeof C.Evidence>;
export type Summary = z.infer<typeof C.IncidentSummary>;
export type IncidentStatus = C.IncidentStatus;

export type ListFilters = Record<string, string | undefined>;

const key = ['incidents'] as const;

export function useIncidents(filters: ListFilters) {
  return usePagedList<IncidentListItem>([...key, 'list'], '/incidents', { ...filters, limit: 50 });
}

/** The XLSX export of the same filters, in the UI language (a plain link: the browser downloads it). */
export const exportUrl = (filters: ListFilters, lang: string) => buildUrl('/incidents/export.xlsx', { ...filters, lang });

export function useIncident(id: string) {
  return useQuery({ queryKey: [...key, id], queryFn: () => api<Incident>(`/incidents/${id}`) });
}

/** A sub-resource of a case (timeline, deadlines, tasks, members, evidence). */
function useSub<T>(id: string, sub: string, enabled = true) {
  return useQuery({ queryKey: [...key, id, sub], queryFn: () => api<T>(`/incidents/${id}/${sub}`), enabled });
}
export const useTimeline = (id: string) => useSub<TimelineEntry[]>(id, 'timeline');
export const useDeadlines = (id: string) => useSub<Deadline[]>(id, 'deadlines');
export const useTasks = (id: string) => useSub<Task[]>(id, 'tasks');
export const useMembers = (id: string) => useSub<Member[]>(id, 'members');
export const useEvidence = (id: string) => useSub<Evidence[]>(id, 'evidence');

export function useSummary(id: string, lang: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key, id, 'summary', lang],
    queryFn: () => api<Summary>(`/incidents/${id}/summary`, { query: { lang } }),
    enabled,
  });
}

export function useStats(query: ListFilters) {
  return useQuery({ queryKey: [...key, 'stats', query], queryFn: () => api<IncidentStats>('/incidents/stats', { query }) });
}

export function useReportIncident() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportBody) => api<Incident>('/incidents', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

/** A change to one case; afterwards everything of the case (and the lists) is fetched again. */
export function useCaseMutation<V, R = unknown>(id: string, fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

/** `version`: the case's rowVersion as loaded; a change made by someone else since is refused (412). */
export function useUpdateIncident(id: string, version?: number) {
  return useCaseMutation(id, (body: UpdateBody) =>
    api<Incident>(`/incidents/${id}`, { method: 'PATCH', json: body, ifMatch: version }),
  );
}

/** Reads a file as base64 (without the data: prefix) for the JSON upload bodies. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api, buildUrl } from '../../api/client';

export type Dashboard = C.Dashboard;
export type Figure = C.Figure;
export type AttentionList = C.AttentionList;
export type ReportTemplate = C.ReportTemplate;
export type ReportRun = C.ReportRun;
export type GenerateBody = z.input<typeof C.GenerateReportBody>;

export const useDashboard = (q: { fiscalYear?: number; unitId?: string | null }) =>
  useQuery({
    queryKey: ['dashboard', q.fiscalYear ?? null, q.unitId ?? null],
    queryFn: () => api<Dashboard>('/dashboard', { query: { fiscalYear: q.fiscalYear, unitId: q.unitId } }),
  });

export const figureXlsxUrl = (source: string, q: { fiscalYear?: number; unitId?: string | null }, lang: string) =>
  buildUrl('/dashboard/figure.xlsx', { source, fiscalYear: q.fiscalYear, unitId: q.unitId, lang });

export const useAttention = (limit = 20) =>
  useQuery({
    queryKey: ['attention', limit],
    queryFn: () => api<AttentionList>('/attention', { query: { limit } }),
    refetchInterval: 120_000,
  });

export const useTemplates = () =>
  useQuery({ queryKey: ['report-templates'], queryFn: () => api<ReportTemplate[]>('/report-templates') });

/** One template (a copy, to edit it); refreshed with the list after a save, so the next save sends the new version. */
export const useTemplate = (id: string) =>
  useQuery({
    queryKey: ['report-templates', id],
    queryFn: () => api<ReportTemplate>(`/report-templates/${encodeURIComponent(id)}`),
  });

/** The runs; polled every 2 s while one is queued or running, so the progress bar moves. */
export const useRuns = () =>
  useQuery({
    queryKey: ['reports'],
    queryFn: () => api<ReportRun[]>('/reports'),
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'queued' || r.status === 'running') ? 2000 : false),
  });

export function useGenerate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GenerateBody) => api<ReportRun>('/reports', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reports'] }),
  });
}

export function useCopyTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ReportTemplate>(`/report-templates/${id}/copy`, { method: 'POST', json: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['report-templates'] }),
  });
}

export function useSaveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (t: ReportTemplate) =>
      api<ReportTemplate>(`/report-templates/${t.id}`, {
        method: 'PUT',
        json: { name: t.name, definition: t.definition },
        ifMatch: t.rowVersion ?? undefined,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['report-templates'] }),
  });
}

export const runFileUrl = (id: string, format: string) => `/api/reports/${id}/files/${format}`;

export type ReportSchedule = C.ReportSchedule;
export type ScheduleBody = z.input<typeof C.CreateScheduleBody>;

export const useSchedules = () =>
  useQuery({ queryKey: ['report-schedules'], queryFn: () => api<ReportSchedule[]>('/report-schedules') });

export function useCreateSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ScheduleBody) => api<ReportSchedule>('/report-schedules', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['report-schedules'] }),
  });
}

export function useDeleteSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/report-schedules/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['report-schedules'] }),
  });
}

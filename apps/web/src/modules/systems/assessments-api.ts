import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import { api } from '../../api/client';
import { usePagedList } from '../../api/infinite';

export type SystemAssessment = C.SystemAssessment;
export type AssessmentRun = C.AssessmentRun;
export type AssessmentFinding = C.AssessmentFinding;
export type AssessmentFindingDetail = C.AssessmentFindingDetail;

const key = ['assessments'] as const;
const fkey = ['assessment-findings'] as const;

export const useAssessments = () => usePagedList<SystemAssessment>([...key, 'list'], '/assessments', { limit: 50 });
export const useAssessment = (id: string) =>
  useQuery({ queryKey: [...key, id], queryFn: () => api<SystemAssessment>(`/assessments/${id}`) });
export const useRuns = (id: string) =>
  useQuery({ queryKey: [...key, id, 'runs'], queryFn: () => api<AssessmentRun[]>(`/assessments/${id}/runs`) });
export const useAssessmentFindings = (filters: { assessmentId?: string; state?: string; overdue?: string }) =>
  usePagedList<AssessmentFinding>([...fkey, 'list'], '/assessment-findings', { ...filters, limit: 50 });
export const useAssessmentFinding = (id: string) =>
  useQuery({ queryKey: [...fkey, id], queryFn: () => api<AssessmentFindingDetail>(`/assessment-findings/${id}`) });

const TYPES: Record<C.AssessmentFormat, string> = {
  sarif: 'application/sarif+json',
  csv: 'text/csv',
  openvas: 'application/xml',
};

export function useImportRun(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ format, full, file }: { format: C.AssessmentFormat; full: boolean; file: File }) =>
      api<AssessmentRun>(`/assessments/${id}/runs`, {
        method: 'POST',
        query: { format, full: String(full), fileName: file.name.slice(0, 200) },
        text: { body: file, contentType: TYPES[format] },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: fkey });
    },
  });
}

function useFindingAction(id: string, path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, ifMatch }: { body: Record<string, unknown>; ifMatch: number }) =>
      api<AssessmentFindingDetail>(`/assessment-findings/${id}/${path}`, { method: 'POST', json: body, ifMatch }),
    onSuccess: (data) => {
      qc.setQueryData([...fkey, id], data);
      void qc.invalidateQueries({ queryKey: [...fkey, 'list'] });
    },
  });
}

export const useRequestException = (id: string) => useFindingAction(id, 'exception');
export const useDecideException = (id: string) => useFindingAction(id, 'exception/decide');
export const useOpenIncident = (id: string) => useFindingAction(id, 'incident');

/** The incident board's KEV flag: which of these incidents were opened from a known-exploited finding. */
export const useExploitedIncidents = (ids: string[], enabled: boolean) =>
  useQuery({
    queryKey: [...fkey, 'exploited-incidents', ids],
    queryFn: () => api<C.ExploitedIncidents>('/exploited-incidents', { query: { ids: ids.join(',') } }),
    enabled: enabled && ids.length > 0,
  });

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type Plan = C.Plan;
export type PlanSummary = C.PlanSummary;
export type PlanActivity = C.PlanActivity;
export type PlanTask = C.PlanTask;
export type PlanProgress = C.PlanProgress;
export type ActivityInput = z.input<typeof C.PlanActivityInput> & { key?: string };
export type LateUnit = z.infer<typeof C.LateUnit>;

const plansKey = ['plans'] as const;
const tasksKey = ['plan-tasks'] as const;
const progressKey = ['plan-progress'] as const;

export const usePlans = () => useQuery({ queryKey: [...plansKey, 'list'], queryFn: () => api<PlanSummary[]>('/plans') });
export const usePlan = (id: string) => useQuery({ queryKey: [...plansKey, id], queryFn: () => api<Plan>(`/plans/${id}`) });

/** Any change to a plan; plans, tasks and progress are fetched again afterwards (publishing cascades). */
export function usePlanMutation<V, R = unknown>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([plansKey, tasksKey, progressKey].map((queryKey) => qc.invalidateQueries({ queryKey })));
    },
  });
}

export const createPlan = (body: z.input<typeof C.CreatePlanBody>) => api<Plan>('/plans', { method: 'POST', json: body });
export const updatePlan = (id: string, body: z.input<typeof C.UpdatePlanBody>, version: number) =>
  api<Plan>(`/plans/${id}`, { method: 'PATCH', json: body, ifMatch: version });
export const publishPlan = (id: string, version: number) =>
  api<Plan & { tasksCreated: number; tasksCancelled: number }>(`/plans/${id}/publish`, {
    method: 'POST',
    json: {},
    ifMatch: version,
  });
export const deletePlan = (id: string) => api(`/plans/${id}`, { method: 'DELETE' });

/** The activity as the editor sends it back (its key kept, so its tasks survive the next publication). */
export const toInput = (a: PlanActivity): ActivityInput => ({
  key: a.key,
  kind: a.kind,
  phase: a.phase,
  titleJa: a.title.ja,
  titleEn: a.title.en,
  startDate: a.startDate,
  dueDate: a.dueDate,
  guide: a.guide,
  guideUrl: a.guideUrl,
  unitRoots: a.unitRoots.map((u) => u.id),
  unitKinds: a.unitKinds,
  roles: a.roles,
  evidence: a.evidence,
  linkKind: a.linkKind,
  linkRef: a.linkRef,
  linkThreshold: a.linkThreshold,
});

/** Campaigns of a kind an activity may link (the editor's picker); only for the kinds that complete tasks. */
export const useLinkTargets = (kind: C.PlanLinkedKind | null) =>
  useQuery({
    enabled: !!kind,
    queryKey: [...plansKey, 'link-targets', kind],
    queryFn: () => api<{ items: C.PlanLinkTarget[] }>('/plan-link-targets', { query: { kind: kind ?? undefined } }),
  });

export interface TaskQuery {
  fiscalYear?: number;
  mine?: boolean;
  unit?: string;
  status?: 'open' | 'done';
  limit?: number;
}
export const useTasks = (q: TaskQuery, enabled = true) =>
  useQuery({
    enabled,
    queryKey: [...tasksKey, q],
    queryFn: () =>
      api<{ items: PlanTask[]; nextCursor: string | null }>('/plan-tasks', {
        query: {
          fiscalYear: q.fiscalYear,
          mine: q.mine ? '1' : undefined,
          unit: q.unit,
          status: q.status,
          limit: q.limit ?? 200,
        },
      }),
  });

export function useTaskMutation<V, R = unknown>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([tasksKey, progressKey].map((queryKey) => qc.invalidateQueries({ queryKey })));
    },
  });
}

/** Reads a file as base64 (without the data: prefix) for the JSON upload body. */
function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export const completeTask = async ({ task, comment, file }: { task: PlanTask; comment: string; file: File | null }) =>
  api<PlanTask>(`/plan-tasks/${task.id}/complete`, {
    method: 'POST',
    ifMatch: task.rowVersion,
    json: {
      comment,
      ...(file
        ? {
            file: {
              name: file.name,
              mediaType: file.type || 'application/octet-stream',
              contentBase64: await fileToBase64(file),
            },
          }
        : {}),
    },
  });
export const reopenTask = ({ task, reason }: { task: PlanTask; reason: string }) =>
  api<PlanTask>(`/plan-tasks/${task.id}/reopen`, { method: 'POST', ifMatch: task.rowVersion, json: { reason } });

export const useProgress = (fiscalYear: number, by: PlanProgress['by'], unit?: string | null) =>
  useQuery({
    queryKey: [...progressKey, fiscalYear, by, unit ?? null],
    queryFn: () => api<PlanProgress>('/plan-progress', { query: { fiscalYear, by, unit: unit ?? undefined } }),
  });
export const useLateUnits = (fiscalYear: number) =>
  useQuery({
    queryKey: [...progressKey, fiscalYear, 'late'],
    queryFn: () => api<{ items: LateUnit[] }>('/plan-progress/late-units', { query: { fiscalYear, limit: 50 } }),
  });

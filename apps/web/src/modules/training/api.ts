import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import { api } from '../../api/client';

const key = ['training'] as const;

export const useMyTraining = () => useQuery({ queryKey: [...key, 'mine'], queryFn: () => api<C.Assignment[]>('/me/training') });
export const useAssignment = (id: string) =>
  useQuery({ queryKey: [...key, 'assignment', id], queryFn: () => api<C.AssignmentDetail>(`/training-assignments/${id}`) });
export const useCourses = () => useQuery({ queryKey: [...key, 'courses'], queryFn: () => api<C.CourseListItem[]>('/courses') });
export const useCourse = (id: string | null) =>
  useQuery({ queryKey: [...key, 'course', id], queryFn: () => api<C.Course>(`/courses/${id}`), enabled: !!id });
export const useCurricula = () => useQuery({ queryKey: [...key, 'curricula'], queryFn: () => api<C.Curriculum[]>('/curricula') });
export const useCompletion = (q: { by: 'unit' | 'site'; courseId?: string; unitId?: string }) =>
  useQuery({ queryKey: [...key, 'completion', q], queryFn: () => api<C.Completion>('/training-completion', { query: q }) });
export const useMyPledge = () => useQuery({ queryKey: [...key, 'pledge'], queryFn: () => api<C.MyPledge>('/pledges') });
export const usePledgeTexts = (enabled: boolean) =>
  useQuery({ queryKey: [...key, 'pledge-texts'], queryFn: () => api<C.Pledge[]>('/pledges/texts'), enabled });
export const usePledgeRates = (enabled: boolean) =>
  useQuery({ queryKey: [...key, 'pledge-rates'], queryFn: () => api<C.PledgeRateRow[]>('/pledges/rates'), enabled });
export const useUnsigned = (enabled: boolean) =>
  useQuery({ queryKey: [...key, 'unsigned'], queryFn: () => api<C.UnsignedPerson[]>('/pledges/unsigned'), enabled });
export const useSelfChecks = (mine: boolean) =>
  useQuery({
    queryKey: [...key, 'self-checks', mine],
    queryFn: () => api<C.SelfCheck[]>('/self-checks', { query: { mine: mine ? '1' : undefined } }),
  });
export const useSelfCheck = (id: string) =>
  useQuery({ queryKey: [...key, 'self-check', id], queryFn: () => api<C.SelfCheck>(`/self-checks/${id}`) });
export const useSelfCheckResults = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: [...key, 'self-check-results', id],
    queryFn: () => api<C.SelfCheckResultRow[]>(`/self-checks/${id}/results`),
    enabled,
  });

/** Every change refreshes the training queries (lists, my items, roll-ups). */
export function useTrainingMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

export const submitAttempt = (id: string, body: C.SubmitAttemptBody) =>
  api<C.AttemptResult>(`/training-assignments/${id}/attempts`, { method: 'POST', json: body });
export const completeCourse = (id: string) =>
  api<{ ok: true }>(`/training-assignments/${id}/complete`, { method: 'POST', json: {} });
export const signPledge = (body: C.SignPledgeBody) => api<C.MyPledge>('/pledges/sign', { method: 'POST', json: body });
export const publishPledge = (body: C.PledgeBody) => api<C.Pledge>('/pledges', { method: 'POST', json: body });
export const answerSelfCheck = (id: string, body: C.SelfCheckAnswerBody) =>
  api<{ wrong: number; followUpCourses: number }>(`/self-checks/${id}/responses`, { method: 'POST', json: body });
export const saveCourse = (input: { id: string | null; rowVersion?: number; body: C.CreateCourseBody | C.UpdateCourseBody }) =>
  input.id
    ? api<C.Course>(`/courses/${input.id}`, { method: 'PUT', json: input.body, ifMatch: input.rowVersion })
    : api<C.Course>('/courses', { method: 'POST', json: input.body });
export const publishCourse = (c: { id: string; rowVersion: number }) =>
  api<C.Course>(`/courses/${c.id}/publish`, { method: 'POST', json: {}, ifMatch: c.rowVersion });
export const uploadCourseImage = (input: { courseId: string; name: string; file: File }) =>
  api<C.Course>(`/courses/${input.courseId}/images/${input.name}`, {
    method: 'PUT',
    text: { body: input.file, contentType: input.file.type || 'application/octet-stream' },
  });
export const deleteCourseImage = (input: { courseId: string; name: string }) =>
  api<void>(`/courses/${input.courseId}/images/${input.name}`, { method: 'DELETE' });
export const createCurriculum = (body: C.CurriculumBody) => api<C.Curriculum>('/curricula', { method: 'POST', json: body });
export const runCurriculum = (id: string) => api<{ assigned: number }>(`/curricula/${id}/run`, { method: 'POST', json: {} });

/** A name in the reader's language. */
export const nameIn = (lang: string, n: { ja: string; en: string }) => (lang === 'ja' ? n.ja : n.en);
export const textIn = (lang: string, ja: string, en: string) => (lang === 'ja' ? ja || en : en || ja);

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import { api } from '../../api/client';

export type Activity = C.Activity;
export type ActivityListItem = C.ActivityListItem;
export type PrivacyRequest = C.PrivacyRequest;
export type PrivacyRequestListItem = C.PrivacyRequestListItem;
export type PrivacyCatalog = C.PrivacyCatalog;
type Page<T> = { items: T[]; nextCursor: string | null };

const key = ['privacy'] as const;

export const usePrivacyCatalog = () =>
  useQuery({ queryKey: [...key, 'catalog'], queryFn: () => api<PrivacyCatalog>('/privacy/catalog'), staleTime: Infinity });
export const useActivities = (q: string, reviewDue: boolean) =>
  useQuery({
    queryKey: [...key, 'activities', q, reviewDue],
    queryFn: () =>
      api<Page<ActivityListItem>>('/processing-activities', {
        query: { q, reviewDue: reviewDue ? 'true' : undefined, limit: 100 },
      }),
  });
export const useActivity = (id: string | null) =>
  useQuery({ queryKey: [...key, 'activity', id], queryFn: () => api<Activity>(`/processing-activities/${id}`), enabled: !!id });
export const useAssetOptions = (unitId: string | null) =>
  useQuery({
    queryKey: [...key, 'assets', unitId],
    queryFn: () =>
      api<{ id: string; name: string; classCode: string }[]>('/processing-activities/asset-options', { query: { unitId } }),
    enabled: !!unitId,
  });
export const useRequests = (status: string) =>
  useQuery({
    queryKey: [...key, 'requests', status],
    queryFn: () => api<Page<PrivacyRequestListItem>>('/privacy-requests', { query: { status: status || undefined, limit: 100 } }),
  });
export const useRequest = (id: string) =>
  useQuery({ queryKey: [...key, 'request', id], queryFn: () => api<PrivacyRequest>(`/privacy-requests/${id}`) });

export function usePrivacyMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

export const saveActivity = ({ id, body, version }: { id: string | null; body: unknown; version?: number }) =>
  id
    ? api<Activity>(`/processing-activities/${id}`, { method: 'PATCH', json: body, ifMatch: version })
    : api<Activity>('/processing-activities', { method: 'POST', json: body });
export const reviewActivity = ({ id, note, version }: { id: string; note: string; version: number }) =>
  api<Activity>(`/processing-activities/${id}/reviews`, { method: 'POST', json: { note }, ifMatch: version });
export const updateRequest = ({ id, body, version }: { id: string; body: unknown; version: number }) =>
  api<PrivacyRequest>(`/privacy-requests/${id}`, { method: 'PATCH', json: body, ifMatch: version });
export const answerRequest = ({ id, body, version }: { id: string; body: unknown; version: number }) =>
  api<PrivacyRequest>(`/privacy-requests/${id}/answer`, { method: 'POST', json: body, ifMatch: version });
export const extendRequest = ({ id, body, version }: { id: string; body: unknown; version: number }) =>
  api<PrivacyRequest>(`/privacy-requests/${id}/extend`, { method: 'POST', json: body, ifMatch: version });
export const submitPublicRequest = (body: unknown) =>
  api<{ received: true; reference: string }>('/public/privacy-requests', { method: 'POST', json: body });

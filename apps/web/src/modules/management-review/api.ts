import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type Review = C.Review;
export type ReviewSummary = C.ReviewSummary;
export type ReviewAction = C.ReviewAction;
export type ReviewChange = z.input<typeof C.UpdateReviewBody>;

const key = ['management-reviews'] as const;

export const useReviews = () =>
  useQuery({ queryKey: [...key, 'list'], queryFn: () => api<{ items: ReviewSummary[] }>('/management-reviews') });
export const useReview = (id: string) =>
  useQuery({ queryKey: [...key, id], queryFn: () => api<Review>(`/management-reviews/${id}`) });

export function useReviewMutation<V, R = unknown>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

export const createReview = (body: z.input<typeof C.CreateReviewBody>) =>
  api<Review>('/management-reviews', { method: 'POST', json: body });
export const updateReview = ({ id, body, version }: { id: string; body: ReviewChange; version: number }) =>
  api<Review>(`/management-reviews/${id}`, { method: 'PATCH', json: body, ifMatch: version });
export const assemble = ({ id, version }: { id: string; version: number }) =>
  api<Review>(`/management-reviews/${id}/pack`, { method: 'POST', json: {}, ifMatch: version });
export const closeReview = ({ id, version }: { id: string; version: number }) =>
  api<Review>(`/management-reviews/${id}/close`, { method: 'POST', json: {}, ifMatch: version });
export const addAction = ({ id, body }: { id: string; body: z.input<typeof C.CreateReviewActionBody> }) =>
  api<ReviewAction>(`/management-reviews/${id}/actions`, { method: 'POST', json: body });
export const updateAction = ({
  id,
  action,
  body,
}: {
  id: string;
  action: ReviewAction;
  body: z.input<typeof C.UpdateReviewActionBody>;
}) =>
  api<ReviewAction>(`/management-reviews/${id}/actions/${action.id}`, {
    method: 'PATCH',
    json: body,
    ifMatch: action.rowVersion,
  });

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import { api } from '../../api/client';
import { usePagedList } from '../../api/infinite';

export type Notification = C.Notification;
export type NotificationPage = C.NotificationPage;

const key = ['notifications'] as const;

/**
 * The bell: the latest few and the unread count, fetched again every minute while the tab is visible (TanStack
 * Query pauses the interval in a hidden tab) and at once when the user comes back to it.
 */
export function useBell(enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'bell'],
    queryFn: ({ signal }) => api<NotificationPage>('/notifications', { query: { limit: 8 }, signal }),
    enabled,
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}

export function useNotificationList(unreadOnly: boolean) {
  return usePagedList<Notification>([...key, 'list'], '/notifications', { limit: 30, unread: unreadOnly ? 'true' : undefined });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Notification>(`/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ marked: number }>('/notifications/read-all', { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Settings } from '../../api/types';

const key = ['settings'] as const;

export function useSettings() {
  return useQuery({ queryKey: key, queryFn: () => api<Settings>('/settings') });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Settings>) => api<Settings>('/settings', { method: 'PATCH', json: body }),
    onSuccess: (s) => qc.setQueryData(key, s),
  });
}

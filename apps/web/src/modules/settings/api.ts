import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { NextSteps, Settings } from '../../api/types';

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

/** What a new installation still lacks (`GET /api/next-steps`), for those who manage settings. */
export function useNextSteps(enabled = true) {
  return useQuery({ queryKey: ['next-steps'], queryFn: () => api<NextSteps>('/next-steps'), enabled });
}

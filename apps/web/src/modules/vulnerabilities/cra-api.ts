import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type CraReporting = z.infer<typeof C.CraReporting>;
export type CraDeadline = z.infer<typeof C.CraDeadline>;
export type MarkCraBody = z.input<typeof C.MarkCraBody>;
export type CraFixBody = z.input<typeof C.CraFixBody>;
export type CraSubmissionBody = z.input<typeof C.CraSubmissionBody>;

const key = (id: string) => ['vulnerabilities', id, 'cra'] as const;

/** The case's CRA reporting: whether it is marked, and each stage with its due time and submission. */
export function useCraReporting(id: string) {
  return useQuery({ queryKey: key(id), queryFn: () => api<CraReporting>(`/vulnerabilities/${id}/deadlines`) });
}

/** A change to the CRA reporting: the answer is the new state, and "needs my attention" is fetched again. */
export function useCraMutation<V>(id: string, path: '' | '/fix' | '/submissions') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: V) => api<CraReporting>(`/vulnerabilities/${id}/cra-reporting${path}`, { method: 'POST', json: body }),
    onSuccess: (data) => {
      qc.setQueryData(key(id), data);
      void qc.invalidateQueries({ queryKey: ['attention'] });
    },
  });
}

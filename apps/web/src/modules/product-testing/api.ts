import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type TestPlan = z.infer<typeof C.TestPlan>;
export type TestPlanDetail = z.infer<typeof C.TestPlanDetail>;
export type TestFinding = z.infer<typeof C.TestFinding>;
export type TestPlanRun = z.infer<typeof C.TestPlanRun>;
export type ShipGate = z.infer<typeof C.ShipGate>;
export type ImportResult = z.infer<typeof C.TestRunImportResult>;

/** Local copies of the contract's enums (no zod at runtime in these chunks). */
export const TEST_METHODS = [
  'black_box',
  'fuzzing',
  'penetration',
  'static_analysis',
  'vulnerability_scan',
  'hw_debug_ports',
  'hw_flash_readout',
  'hw_fault_injection',
] as const;
export type TestMethod = (typeof TEST_METHODS)[number];

const key = ['test-plans'] as const;

export function useTestPlans() {
  return useQuery({ queryKey: [...key, 'list'], queryFn: () => api<{ items: TestPlan[] }>('/test-plans') });
}
export function useTestPlan(id: string) {
  return useQuery({ queryKey: [...key, id], queryFn: () => api<TestPlanDetail>(`/test-plans/${id}`) });
}
export function useShipGate(productId: string, releaseId: string) {
  return useQuery({
    queryKey: ['products', 'ship-gate', productId, releaseId],
    queryFn: () => api<ShipGate>(`/products/${productId}/releases/${releaseId}/ship-gate`),
  });
}

/** Any write of the room; refreshes plans, gates and the products pages once it succeeded. */
export function useTestingMutation<B, R = unknown>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: key });
      await qc.invalidateQueries({ queryKey: ['products'] });
    },
  });
}

export const findingAction = <R>(id: string, action: string, json: unknown, ifMatch?: number) =>
  api<R>(`/test-findings/${id}/${action}`, { method: 'POST', json, ifMatch });

/** Uploads a SARIF log as it is; a refusal throws the ApiError naming the JSON paths that failed. */
export const uploadSarif = (planId: string, file: Blob, query: { method: string; performedOn: string; retest: boolean }) =>
  api<ImportResult>(`/test-plans/${planId}/sarif-runs`, {
    method: 'POST',
    query: { method: query.method, performedOn: query.performedOn, retest: query.retest ? 'true' : undefined },
    text: { body: file, contentType: 'application/sarif+json' },
  });

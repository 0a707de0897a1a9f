import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import { api, ApiError } from '../../api/client';

export type ProductionImpact = C.ProductionImpact;
export type OtAdvisoryMatches = C.OtAdvisoryMatches;

const key = ['fsirt-impacts'] as const;

/** The production impact of an FSIRT case; null while none is recorded (the server answers 404). */
export const useProductionImpact = (incidentId: string) =>
  useQuery({
    queryKey: [...key, incidentId],
    queryFn: async () => {
      try {
        return await api<ProductionImpact>(`/fsirt-impacts/${incidentId}`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });

export function useRecordImpact(incidentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, ifMatch }: { body: C.ProductionImpactBody; ifMatch?: number }) =>
      api<ProductionImpact>(`/fsirt-impacts/${incidentId}`, { method: 'PUT', json: body, ifMatch }),
    onSuccess: (data) => qc.setQueryData([...key, incidentId], data),
  });
}

/** Matches a supplier's CSAF file (read in the browser as JSON) against the factory systems in reach. */
export const useMatchAdvisory = () =>
  useMutation({
    mutationFn: (doc: unknown) => api<OtAdvisoryMatches>('/ot-advisory-matches', { method: 'POST', json: doc }),
  });

import { useQuery } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type GroupIncident = C.GroupIncident;
export type SharingSetting = z.infer<typeof C.GroupIncidentSharingSetting>;

export const useGroupIncidents = (query: { state: string; companyId?: string }) =>
  useQuery({
    queryKey: ['group-incidents', query],
    queryFn: () => api<GroupIncident[]>('/group-incidents', { query }),
    refetchInterval: 60_000,
  });
export const useSharingRule = () =>
  useQuery({
    queryKey: ['group-incidents', 'rule'],
    queryFn: () => api<SharingSetting>('/settings/group-incident-sharing'),
  });

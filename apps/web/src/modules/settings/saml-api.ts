import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { SamlProvider, SamlProviderInput } from '../../api/types';

const key = ['saml-providers'] as const;

/** SAML 2.0 identity providers (system administrators only). */
export const useSamlProviders = () => useQuery({ queryKey: key, queryFn: () => api<SamlProvider[]>('/saml-providers') });

export function useSaveSamlProvider() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: SamlProviderInput }) =>
      id
        ? api<SamlProvider>(`/saml-providers/${id}`, { method: 'PATCH', json: body })
        : api<SamlProvider>('/saml-providers', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteSamlProvider() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/saml-providers/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

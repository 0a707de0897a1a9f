import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Me, Passkey } from '../../api/types';
import { useAcceptMe } from './api';

const passkeysKey = ['me', 'passkeys'] as const;
type Options = Parameters<typeof startRegistration>[0]['optionsJSON'];
type RequestOptions = Parameters<typeof startAuthentication>[0]['optionsJSON'];

export function usePasskeys() {
  return useQuery({ queryKey: passkeysKey, queryFn: () => api<{ items: Passkey[] }>('/me/passkeys') });
}

/** Creates a passkey in the browser (its own dialog) and registers it; `me` is refreshed (MFA enrolment). */
export function useAddPasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => {
      const optionsJSON = await api<Options>('/me/passkeys/options', { method: 'POST' });
      const response = await startRegistration({ optionsJSON });
      return api<Passkey>('/me/passkeys', { method: 'POST', json: { name, response } });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['me'] }),
  });
}

export function useRenamePasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      api<Passkey>(`/me/passkeys/${id}`, { method: 'PATCH', json: { name } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: passkeysKey }),
  });
}

export function useDeletePasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`/me/passkeys/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['me'] }),
  });
}

/** Asks the browser for a passkey assertion (any passkey it holds for Mamori). */
export async function passkeyAssertion() {
  const optionsJSON = await api<RequestOptions>('/auth/passkey/options', { method: 'POST' });
  return startAuthentication({ optionsJSON });
}

/** Passwordless sign-in with a passkey. */
export function usePasskeySignIn() {
  const accept = useAcceptMe();
  return useMutation({
    mutationFn: async () => api<Me>('/auth/passkey/sign-in', { method: 'POST', json: { response: await passkeyAssertion() } }),
    onSuccess: accept,
  });
}

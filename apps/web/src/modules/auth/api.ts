import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../../api/client';
import type { ApiToken, CreatedToken, Language, Me, MfaSetup, SsoProviderOption } from '../../api/types';
import i18n from '../../i18n';

export const meKey = ['me'] as const;

/** Applies a freshly received Me: CSRF token, saved language, cache. */
export function useAcceptMe() {
  const qc = useQueryClient();
  return (me: Me) => {
    setCsrfToken(me.csrfToken);
    if (me.user.language && me.user.language !== i18n.language) void i18n.changeLanguage(me.user.language);
    qc.setQueryData(meKey, me);
  };
}

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/me');
    setCsrfToken(me.csrfToken);
    if (me.user.language && me.user.language !== i18n.language) await i18n.changeLanguage(me.user.language);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** The /me query; main.tsx starts it while the language catalogue loads, so the shell renders with the user sooner. */
export const meQuery = { queryKey: meKey, queryFn: fetchMe, staleTime: 60_000, retry: false } as const;

/** The signed-in user, or null when signed out. */
export function useMe() {
  return useQuery(meQuery);
}

/** The single sign-on providers the sign-in page offers ("Sign in with …"). */
export function useSsoProviders() {
  return useQuery({
    queryKey: ['sso-providers'],
    queryFn: () => api<SsoProviderOption[]>('/auth/oidc/providers'),
    staleTime: 300_000,
  });
}

export function useSetupStatus() {
  return useQuery({ queryKey: ['setup'], queryFn: () => api<{ needed: boolean }>('/setup'), staleTime: Infinity });
}

export function useSetup() {
  const accept = useAcceptMe();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string; name: string }) => api<Me>('/setup', { method: 'POST', json: body }),
    onSuccess: (me) => {
      qc.setQueryData(['setup'], { needed: false });
      accept(me);
    },
  });
}

export function useSignIn() {
  const accept = useAcceptMe();
  return useMutation({
    mutationFn: (body: { email: string; password: string; totp?: string; passkey?: unknown }) =>
      api<Me>('/auth/sign-in', { method: 'POST', json: body }),
    onSuccess: accept,
  });
}

/** The `state` of the provider's logout in progress (sessionStorage): the sign-in page says "signed out" when it returns. */
export const LOGOUT_STATE_KEY = 'mamori.oidcLogoutState';

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: true; logoutUrl?: string }>('/auth/sign-out', { method: 'POST' }),
    // signed in through an OpenID Connect provider that offers logout: end the provider's session too; it sends the
    // browser back to the sign-in page with the logout's `state`, which the page compares with the one kept here
    onSuccess: (r) => {
      if (!r.logoutUrl || !/^https?:\/\//.test(r.logoutUrl)) return;
      const state = new URL(r.logoutUrl).searchParams.get('state');
      if (state) sessionStorage.setItem(LOGOUT_STATE_KEY, state);
      window.location.assign(r.logoutUrl);
    },
    onSettled: () => {
      setCsrfToken('');
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export function useUpdateMe() {
  const accept = useAcceptMe();
  return useMutation({
    mutationFn: (body: { language?: Language | null; name?: string }) => api<Me>('/me', { method: 'PATCH', json: body }),
    onSuccess: accept,
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<{ ok: true }>('/me/password', { method: 'POST', json: body }),
  });
}

export function useMfaSetup() {
  return useMutation({ mutationFn: () => api<MfaSetup>('/me/mfa/setup', { method: 'POST' }) });
}

export function useMfaEnable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string }) => api<{ ok: true }>('/me/mfa/enable', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

export function useMfaDisable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string; code: string }) =>
      api<{ ok: true }>('/me/mfa/disable', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

const tokensKey = ['me', 'tokens'] as const;
export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => api<{ items: ApiToken[] }>('/me/tokens') });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; expiresInDays: number }) =>
      api<CreatedToken>('/me/tokens', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`/me/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });
}

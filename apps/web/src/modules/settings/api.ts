import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { IdentityProvider, NextSteps, ScimRoleRule, ScimToken, Settings } from '../../api/types';
import type { GroupMailTemplateSetting, MailTemplate } from '@mamori/contracts';

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

const providersKey = ['identity-providers'] as const;

/** Single sign-on providers (system administrators only). */
export function useIdentityProviders(enabled: boolean) {
  return useQuery({ queryKey: providersKey, queryFn: () => api<IdentityProvider[]>('/identity-providers'), enabled });
}

export type ProviderInput = Partial<Omit<IdentityProvider, 'id' | 'hasClientSecret' | 'createdAt' | 'updatedAt'>> & {
  clientSecret?: string | null;
};

export function useSaveIdentityProvider() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ProviderInput }) =>
      id
        ? api<IdentityProvider>(`/identity-providers/${id}`, { method: 'PATCH', json: body })
        : api<IdentityProvider>('/identity-providers', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: providersKey }),
  });
}

export function useDeleteIdentityProvider() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/identity-providers/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: providersKey }),
  });
}

const scimTokensKey = ['scim-tokens'] as const;
const scimRulesKey = ['scim-role-rules'] as const;

/** SCIM client tokens (system administrators only). */
export const useScimTokens = () => useQuery({ queryKey: scimTokensKey, queryFn: () => api<ScimToken[]>('/scim/tokens') });

export function useCreateScimToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<ScimToken & { token: string }>('/scim/tokens', { method: 'POST', json: { name } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: scimTokensKey }),
  });
}

export function useRevokeScimToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/scim/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: scimTokensKey }),
  });
}

/** Group → role rules applied to SCIM group members. */
export const useScimRoleRules = () =>
  useQuery({ queryKey: scimRulesKey, queryFn: () => api<ScimRoleRule[]>('/scim/role-rules') });

export function useCreateScimRoleRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { group: string; role: ScimRoleRule['role']; orgUnitId: string | null; providerId: string | null }) =>
      api<ScimRoleRule>('/scim/role-rules', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: scimRulesKey }),
  });
}

export function useDeleteScimRoleRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/scim/role-rules/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: scimRulesKey }),
  });
}

const mailTemplateKey = ['settings', 'mail-template'] as const;

/** The group's own mail template (`GET /api/settings/mail-template`): its value and version (0: the built-in frame). */
export function useGroupMailTemplate() {
  return useQuery({ queryKey: mailTemplateKey, queryFn: () => api<GroupMailTemplateSetting>('/settings/mail-template') });
}

/** Saves the group's own mail template with the version read (If-Match). */
export function useSaveGroupMailTemplate(version: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (value: MailTemplate) =>
      api<GroupMailTemplateSetting>('/settings/mail-template', { method: 'PUT', json: { value }, ifMatch: version }),
    onSuccess: (s) => qc.setQueryData(mailTemplateKey, s),
  });
}

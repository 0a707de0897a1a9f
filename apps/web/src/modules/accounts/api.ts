import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { usePagedList } from '../../api/infinite';
import type { Account, AccountRequest, ApprovedAccount, IdReviewItem, Role, RoleAssignment } from '../../api/types';

const accountsKey = ['accounts'] as const;
const requestsKey = ['account-requests'] as const;
const reviewKey = ['id-review'] as const;
const rolesKey = ['role-assignments'] as const;

function useInvalidate(...keys: (readonly unknown[])[]) {
  const qc = useQueryClient();
  return () => Promise.all(keys.map((queryKey) => qc.invalidateQueries({ queryKey })));
}

export function useAccounts(filters: { q?: string | undefined; status?: string | undefined; inactive?: string | undefined }) {
  return usePagedList<Account>(accountsKey, '/accounts', { ...filters, limit: 50 });
}

/** Accounts by name or email: the account register, or another list of candidates (`path`) such as a case's. */
export function useAccountSearch(q: string, path = '/accounts') {
  return useQuery({
    queryKey: [...accountsKey, 'search', path, q],
    queryFn: () =>
      api<{ items: Pick<Account, 'id' | 'name' | 'email'>[] }>(path, { query: path === '/accounts' ? { q, limit: 20 } : { q } }),
    placeholderData: (prev) => prev,
  });
}

export function useDisableAccounts() {
  const invalidate = useInvalidate(accountsKey, reviewKey);
  return useMutation({
    mutationFn: (body: { ids: string[]; reason: string }) => api<unknown>('/accounts/disable', { method: 'POST', json: body }),
    onSuccess: invalidate,
  });
}

export function useEnableAccount() {
  const invalidate = useInvalidate(accountsKey);
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/accounts/${id}/enable`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function useAccountRequests(status: string | undefined, enabled: boolean) {
  return usePagedList<AccountRequest>(requestsKey, '/account-requests', { status, limit: 50 }, enabled);
}

export function useCreateAccountRequest() {
  const invalidate = useInvalidate(requestsKey);
  return useMutation({
    mutationFn: (body: { personId: string; email: string; reason: string }) =>
      api<AccountRequest>('/account-requests', { method: 'POST', json: body }),
    onSuccess: invalidate,
  });
}

export function useDecideRequest() {
  const invalidate = useInvalidate(requestsKey, accountsKey);
  return useMutation({
    mutationFn: ({ id, decision, comment }: { id: string; decision: 'approve' | 'reject'; comment?: string }) =>
      api<ApprovedAccount | AccountRequest>(`/account-requests/${id}/${decision}`, {
        method: 'POST',
        json: comment ? { comment } : {},
      }),
    onSuccess: invalidate,
  });
}

export function useActivate() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => api<unknown>('/activate', { method: 'POST', json: body }),
  });
}

export function useIdReview(enabled: boolean) {
  return useQuery({
    queryKey: reviewKey,
    queryFn: () => api<{ items: IdReviewItem[] }>('/id-review'),
    enabled,
  });
}

export function useConfirmReview() {
  const invalidate = useInvalidate(reviewKey);
  return useMutation({
    mutationFn: ({ accountId, comment }: { accountId: string; comment?: string }) =>
      api<unknown>(`/id-review/${accountId}/confirm`, { method: 'POST', json: comment ? { comment } : {} }),
    onSuccess: invalidate,
  });
}

export function useRoleAssignments(userId: string | null) {
  return usePagedList<RoleAssignment>(rolesKey, '/role-assignments', { userId: userId ?? undefined, limit: 100 });
}

export function useAssignRole() {
  const invalidate = useInvalidate(rolesKey, ['me']);
  return useMutation({
    mutationFn: (body: { userId: string; role: Role; orgUnitId: string | null }) =>
      api<RoleAssignment>('/role-assignments', { method: 'POST', json: body }),
    onSuccess: invalidate,
  });
}

export function useRemoveRole() {
  const invalidate = useInvalidate(rolesKey, ['me']);
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/role-assignments/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { usePagedList } from '../../api/infinite';
import type {
  CreateOrgUnitBody,
  CreatePersonBody,
  ImportResult,
  OrgUnit,
  OrgUnitDetail,
  Page,
  Person,
  UpdatePersonBody,
} from '../../api/types';

const unitsKey = ['org-units'] as const;
const peopleKey = ['people'] as const;

/** Children of a unit (`root` for the top level): the tree loads one level at a time. */
export function useOrgChildren(parentId: string, enabled = true) {
  return usePagedList<OrgUnit>([...unitsKey, 'children', parentId], '/org-units', { parentId, limit: 200 }, enabled);
}

export function useOrgSearch(q: string) {
  return useQuery({
    queryKey: [...unitsKey, 'search', q],
    queryFn: () => api<Page<OrgUnit>>('/org-units', { query: { q, limit: 20 } }),
    placeholderData: (prev) => prev,
  });
}

export function useOrgUnit(id: string | null) {
  return useQuery({
    queryKey: [...unitsKey, 'detail', id],
    queryFn: () => api<OrgUnitDetail>(`/org-units/${id}`),
    enabled: !!id,
  });
}

function useInvalidate(key: readonly unknown[]) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: key });
}

export function useCreateOrgUnit() {
  const invalidate = useInvalidate(unitsKey);
  return useMutation({
    mutationFn: (body: CreateOrgUnitBody) => api<OrgUnit>('/org-units', { method: 'POST', json: body }),
    onSuccess: invalidate,
  });
}

/** `version`: the unit's rowVersion as loaded; a change made by someone else since is refused (412). */
export function useUpdateOrgUnit(id: string, version?: number) {
  const invalidate = useInvalidate(unitsKey);
  return useMutation({
    mutationFn: (body: Partial<CreateOrgUnitBody>) =>
      api<OrgUnit>(`/org-units/${id}`, { method: 'PATCH', json: body, ifMatch: version }),
    onSuccess: invalidate,
  });
}

export function useDeleteOrgUnit() {
  const invalidate = useInvalidate(unitsKey);
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`/org-units/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

function useCsvImport(path: string, key: readonly unknown[]) {
  const invalidate = useInvalidate(key);
  return useMutation({
    mutationFn: (csv: string) => api<ImportResult>(path, { method: 'POST', text: { body: csv, contentType: 'text/csv' } }),
    onSuccess: invalidate,
  });
}
export const useImportOrgUnits = () => useCsvImport('/org-units/import', unitsKey);
export const useImportPeople = () => useCsvImport('/people/import', peopleKey);

export interface PeopleFilters {
  q?: string | undefined;
  orgUnitId?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  sort?: string | undefined;
}
export function usePeople(filters: PeopleFilters) {
  return usePagedList<Person>(peopleKey, '/people', { ...filters, limit: 50 });
}

export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: [...peopleKey, 'search', q],
    queryFn: () => api<Page<Person>>('/people', { query: { q, limit: 20, status: 'active' } }),
    placeholderData: (prev) => prev,
  });
}

export function useCreatePerson() {
  const invalidate = useInvalidate(peopleKey);
  return useMutation({
    mutationFn: (body: CreatePersonBody) => api<Person>('/people', { method: 'POST', json: body }),
    onSuccess: invalidate,
  });
}

export function useUpdatePerson(id: string, version?: number) {
  const invalidate = useInvalidate(peopleKey);
  return useMutation({
    mutationFn: (body: UpdatePersonBody) => api<Person>(`/people/${id}`, { method: 'PATCH', json: body, ifMatch: version }),
    onSuccess: invalidate,
  });
}

import { usePagedList } from '../../api/infinite';
import type { AuditEvent } from '../../api/types';

export interface AuditFilters {
  actorId?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  /** `-at` newest first (default), `at` oldest first */
  sort?: string | undefined;
}

/** Audit events, newest (or oldest) first, keyset-paged. */
export function useAuditEvents(filters: AuditFilters) {
  return usePagedList<AuditEvent>(['audit-events'], '/audit-events', { ...filters, limit: 50 });
}

/** A picked local day as an ISO instant: the start of `from`, the end of `to` (the list and its export take instants). */
export function dayToIso(day: string | undefined, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (end) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

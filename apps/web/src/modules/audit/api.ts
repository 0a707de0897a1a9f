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
}

/** Audit events, newest first, keyset-paged. */
export function useAuditEvents(filters: AuditFilters) {
  return usePagedList<AuditEvent>(['audit-events'], '/audit-events', { ...filters, limit: 50 });
}

import { z } from 'zod';
import { DateTimeInput, ListQuery, Str } from './common';
import { ListExportParams } from './lists';

export const AuditEvent = z.object({
  seq: z.string(),
  at: z.iso.datetime(),
  actorId: z.uuid().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditListQuery = ListQuery.extend({
  actorId: z.uuid().optional(),
  action: Str().max(100).optional(),
  targetType: Str().max(100).optional(),
  targetId: Str().max(100).optional(),
  from: DateTimeInput().optional(),
  to: DateTimeInput().optional(),
  /** `-at` newest first (the default), `at` oldest first: the order of the log itself (its sequence) */
  sort: z.enum(['-at', 'at']).default('-at'),
}).strict();
/** The audit log's filters and sort, as CSV or XLSX (`GET /api/audit-events/export`). */
export const AuditExportQuery = AuditListQuery.omit({ limit: true, cursor: true }).extend(ListExportParams.shape).strict();

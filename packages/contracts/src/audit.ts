import { z } from 'zod';
import { DateTimeInput, ListQuery, Str } from './common';

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
}).strict();

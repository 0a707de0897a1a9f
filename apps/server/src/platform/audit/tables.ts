import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained (keyed: see chain.ts). `seq` is assigned under an advisory lock (see record.ts), so the chain
 * has no gaps; a trigger (migration 0001) refuses UPDATE and DELETE.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'bigint' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    /** org path of the target, when it has one: scoped readers see only their subtree */
    orgPath: text('org_path'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
    /**
     * The master key whose audit-chain key MACs this event (HMAC-SHA-256). Null: an event written before the
     * chain was keyed, hashed with plain SHA-256; such events may only come before the first keyed one.
     */
    keyId: text('key_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    // Searches filter by one of these and read newest first (seq DESC); a date range is turned into a
    // seq range through audit_at_idx (seq and at grow together), so each is a short backward index scan.
    index('audit_actor_seq_idx').on(t.actorId, t.seq),
    index('audit_at_idx').on(t.at),
    index('audit_target_seq_idx').on(t.targetType, t.targetId, t.seq),
    index('audit_action_seq_idx').on(t.action, t.seq),
    index('audit_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);

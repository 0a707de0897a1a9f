import type { Db } from '../db/client';
import { appendAudit, appendAuditBatch, type Actor, type AuditInput } from './audit/record';
import type { Principal } from './access/principal';

/** What a service call needs to know about who calls it. Built once per request (or per CLI run). */
export interface Ctx {
  db: Db;
  actor: Actor;
  principal: Principal | null;
}

/** Records audit events in the current transaction: one, or `many` at once for imports. */
export type Audit = ((event: AuditInput) => Promise<void>) & { many(events: AuditInput[]): Promise<void> };

/** Runs `fn` in one transaction; every audit event it records commits or rolls back with the change. */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Db, audit: Audit) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const audit = Object.assign((event: AuditInput) => appendAudit(tx, ctx.actor, event), {
      many: (events: AuditInput[]) => appendAuditBatch(tx, ctx.actor, events),
    });
    return fn(tx, audit);
  });
}

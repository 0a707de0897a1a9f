import type { Db } from '../db/client';
import { appendAudit, type Actor, type AuditInput } from './audit/record';
import type { Principal } from './access/principal';

/** What a service call needs to know about who calls it. Built once per request (or per CLI run). */
export interface Ctx {
  db: Db;
  actor: Actor;
  principal: Principal | null;
}

export type Audit = (event: AuditInput) => Promise<void>;

/** Runs `fn` in one transaction; every audit event it records commits or rolls back with the change. */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Db, audit: Audit) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    return fn(tx, (event) => appendAudit(tx, ctx.actor, event));
  });
}

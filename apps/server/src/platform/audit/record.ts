import { desc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents } from './tables';
import { eventHash, GENESIS_HASH } from './chain';

/** Who acts, and from where: taken from the request once and passed to services. */
export interface Actor {
  userId: string | null;
  label: string;
  requestId: string | null;
  ip: string | null;
}

export const systemActor = (label = 'system'): Actor => ({ userId: null, label, requestId: null, ip: null });

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  orgPath?: string | null;
  before?: unknown;
  after?: unknown;
}

const AUDIT_LOCK = 727273;

/** Drops what jsonb would not give back the same way (undefined, Date objects): the hash is computed on what is stored. */
const asStored = (v: unknown): unknown => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

/**
 * Appends one event to the chain. Must run inside the transaction of the change it records;
 * the advisory lock serialises appenders until that transaction ends, so seq has no gaps.
 */
export async function appendAudit(tx: Db, actor: Actor, input: AuditInput): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const fields = {
    seq: (last?.seq ?? 0n) + 1n,
    at: new Date(),
    actorId: actor.userId,
    actorLabel: actor.label,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    orgPath: input.orgPath ?? null,
    before: asStored(input.before),
    after: asStored(input.after),
    requestId: actor.requestId,
    ip: actor.ip,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditEvents).values({ ...fields, prevHash, hash: eventHash(prevHash, fields) });
}

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

async function lockAndLast(tx: Db) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return { seq: last?.seq ?? 0n, hash: last?.hash ?? GENESIS_HASH };
}

function chained(actor: Actor, input: AuditInput, seq: bigint, at: Date, prevHash: string) {
  const fields = {
    seq,
    at,
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
  return { ...fields, prevHash, hash: eventHash(prevHash, fields) };
}

/**
 * Appends one event to the chain. Must run inside the transaction of the change it records;
 * the advisory lock serialises appenders until that transaction ends, so seq has no gaps.
 */
export async function appendAudit(tx: Db, actor: Actor, input: AuditInput): Promise<void> {
  const last = await lockAndLast(tx);
  await tx.insert(auditEvents).values(chained(actor, input, last.seq + 1n, new Date(), last.hash));
}

/** Appends many events at once (imports): one lock, the chain computed in memory, inserted in batches. */
export async function appendAuditBatch(tx: Db, actor: Actor, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  let { seq, hash } = await lockAndLast(tx);
  const at = new Date();
  const rows = inputs.map((input) => {
    seq += 1n;
    const row = chained(actor, input, seq, at, hash);
    hash = row.hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditEvents).values(rows.slice(i, i + 1000));
}

/**
 * Logs a read of confidential information (2-4-4: who accessed it, when). Written in its own short
 * transaction: a read has no change to attach it to.
 */
export function recordRead(
  db: Db,
  actor: Actor,
  input: Omit<AuditInput, 'before' | 'after'> & { detail?: unknown },
): Promise<void> {
  return db.transaction((t) => appendAudit(t as unknown as Db, actor, { ...input, after: input.detail ?? null }));
}

import { desc, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { insertJsonRows } from '../../db/json-insert';
import { auditEvents } from './tables';
import { MissingKeyError, processKeyring, type Keyring } from '../secrets/keyring';
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
 * Takes the chain's lock and reads its head. A head MACed with a key this process does not hold is refused: a
 * process started with another key (a second server without MAMORI_SECRET_KEY) would fork the chain into links
 * nobody can verify with one key.
 */
async function lockAndLast(tx: Db, ring: Keyring) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash, keyId: auditEvents.keyId })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  if (last?.keyId && !ring.has(last.keyId)) throw new MissingKeyError(last.keyId, 'the audit log', ring.source);
  return { seq: last?.seq ?? 0n, hash: last?.hash ?? GENESIS_HASH };
}

/** Refuses to start a process that could not extend (or verify) the chain: its head is keyed with another key. */
export async function assertAuditKey(db: Db, ring: Keyring): Promise<void> {
  const [last] = await db.select({ keyId: auditEvents.keyId }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  if (last?.keyId && !ring.has(last.keyId)) throw new MissingKeyError(last.keyId, 'the audit log', ring.source);
}

function chained(ring: Keyring, actor: Actor, input: AuditInput, seq: bigint, at: Date, prevHash: string) {
  const fields = {
    keyId: ring.current.id,
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
  return { ...fields, prevHash, hash: eventHash(prevHash, fields, ring.purposeKey('audit-chain')) };
}

/** Whether `db` is a transaction (a plain boolean, not a type guard: the Db type is kept). */
const isTransaction = (db: unknown): boolean => db instanceof PgTransaction;

/**
 * Appends one event to the chain. Runs inside the transaction of the change it records; the advisory lock
 * serialises appenders until that transaction ends, so seq has no gaps. Given the database itself (an event with no
 * change to attach to: a refused sign-in), it opens a transaction of its own: outside one, the lock would end with
 * its own statement, and two appenders on PostgreSQL could take the same seq (a racing SAML answer did).
 */
export async function appendAudit(tx: Db, actor: Actor, input: AuditInput): Promise<void> {
  if (!isTransaction(tx)) return tx.transaction((t) => appendAudit(t as unknown as Db, actor, input));
  const ring = processKeyring();
  const last = await lockAndLast(tx, ring);
  await tx.insert(auditEvents).values(chained(ring, actor, input, last.seq + 1n, new Date(), last.hash));
}

/** Appends many events at once (imports): one lock, the chain computed in memory, inserted in batches. */
export async function appendAuditBatch(tx: Db, actor: Actor, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  const ring = processKeyring();
  let { seq, hash } = await lockAndLast(tx, ring);
  const at = new Date();
  const rows = inputs.map((input) => {
    seq += 1n;
    const row = chained(ring, actor, input, seq, at, hash);
    hash = row.hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 1000) await insertJsonRows(tx, auditEvents, rows.slice(i, i + 1000));
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

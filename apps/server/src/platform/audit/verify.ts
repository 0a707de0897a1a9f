import { asc, gt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { processKeyring, type Keyring } from '../secrets/keyring';
import { eventHash, GENESIS_HASH } from './chain';
import { auditEvents } from './tables';

export interface ChainHead {
  seq: bigint;
  hash: string;
}

export type VerifyResult =
  | {
      ok: true;
      count: number;
      head: ChainHead;
      /** events written before the chain was keyed (plain SHA-256): they all come first */
      unkeyed: number;
      /** the hash of the event `hashAt` asked for, when the chain reaches it */
      hashAt?: string;
    }
  | { ok: false; count: number; brokenAt: bigint; reason: string };

/**
 * Walks the chain in seq order, in pages, and reports the first broken link: a missing event, a link that does
 * not point to the previous hash, an event whose MAC does not match (edited, or recomputed without the key), an
 * unkeyed event after a keyed one (a downgrade to plain SHA-256), or an event MACed with a key this process does
 * not hold. The tail (events deleted at the end) is the checkpoints' job: checkpoint.ts.
 */
export async function verifyAuditChain(
  db: Db,
  opts: { pageSize?: number; keyring?: Keyring; hashAt?: bigint } = {},
): Promise<VerifyResult> {
  const ring = opts.keyring ?? processKeyring();
  const pageSize = opts.pageSize ?? 5000;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let count = 0;
  let unkeyed = 0;
  let keyedSince: bigint | undefined;
  let hashAt: string | undefined;
  const broken = (seq: bigint, reason: string) => ({ ok: false as const, count, brokenAt: seq, reason });
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1n))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) return broken(expectedSeq, `event ${expectedSeq} is missing`);
      if (row.prevHash !== prevHash)
        return broken(row.seq, `event ${row.seq} does not point to the hash of event ${row.seq - 1n}`);
      if (row.keyId === null) {
        if (keyedSince !== undefined)
          return broken(row.seq, `event ${row.seq} is not keyed, but the chain is keyed since event ${keyedSince}`);
        unkeyed++;
      } else {
        keyedSince ??= row.seq;
        if (!ring.has(row.keyId))
          return broken(row.seq, `event ${row.seq} is keyed with key ${row.keyId}, which this Mamori does not have`);
      }
      const key = row.keyId === null ? undefined : ring.purposeKey('audit-chain', row.keyId);
      if (eventHash(prevHash, row, key) !== row.hash) return broken(row.seq, `event ${row.seq} was altered after it was written`);
      prevHash = row.hash;
      if (row.seq === opts.hashAt) hashAt = row.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < pageSize)
      return { ok: true, count, head: { seq: expectedSeq - 1n, hash: prevHash }, unkeyed, ...(hashAt ? { hashAt } : {}) };
  }
}

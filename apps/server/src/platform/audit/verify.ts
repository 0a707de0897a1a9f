import { asc, gt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents } from './tables';
import { eventHash, GENESIS_HASH } from './chain';

export type VerifyResult =
  { ok: true; count: number; lastHash: string } | { ok: false; count: number; brokenAt: bigint; reason: string };

/** Walks the chain in seq order, in pages, and reports the first broken link. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let count = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1n))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, count, brokenAt: expectedSeq, reason: `event ${expectedSeq} is missing` };
      }
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          count,
          brokenAt: row.seq,
          reason: `event ${row.seq} does not point to the hash of event ${row.seq - 1n}`,
        };
      }
      if (eventHash(prevHash, row) !== row.hash) {
        return { ok: false, count, brokenAt: row.seq, reason: `event ${row.seq} was altered after it was written` };
      }
      prevHash = row.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < pageSize) return { ok: true, count, lastHash: prevHash };
  }
}

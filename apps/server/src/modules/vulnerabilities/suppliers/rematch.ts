import type { FastifyBaseLogger } from 'fastify';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { systemActor } from '../../../platform/audit/record';
import { jobs } from '../../../platform/jobs/tables';
import { lockName } from '../../../platform/records/lock';
import { inTransaction } from '../../../platform/tx';
import { sbomsChangedSince } from '../../products/service';
import { systemsChangedSince } from '../../systems/service';
import { matchAdvisory, type MatchCounts } from './match';
import { supplierAdvisories } from './tables';

export const REMATCH_KIND = 'supplier-advisories.rematch';

export interface RematchResult extends MatchCounts {
  advisories: number;
}

/**
 * When the job last matched: the start of the latest finished run of the re-match job. Null when it never ran.
 * Changes since then (an SBOM imported, a system added or changed) are what a run looks for.
 */
async function lastRun(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ runAt: jobs.runAt })
    .from(jobs)
    .where(and(eq(jobs.kind, REMATCH_KIND), eq(jobs.status, 'done')))
    .orderBy(desc(jobs.runAt))
    .limit(1);
  return row?.runAt ?? null;
}

/**
 * Matches every advisory's latest version again, one advisory per transaction under the lock its import takes (an
 * import of the same advisory waits, or is waited for). Suggestions appear for what the SBOMs and systems hold now,
 * and resolve for what they no longer hold (docs/supplier-advisories.md). With `onlyIfChanged`, nothing is done unless
 * an SBOM or a system changed since the last run: the scheduled run, every ten minutes.
 */
export async function rematchAdvisories(
  db: Db,
  opts: { onlyIfChanged: boolean },
  log?: FastifyBaseLogger,
): Promise<RematchResult | null> {
  if (opts.onlyIfChanged) {
    const since = await lastRun(db);
    if (since && !(await sbomsChangedSince(db, since)) && !(await systemsChangedSince(db, since))) return null;
  }
  const total: RematchResult = { advisories: 0, suggested: 0, updated: 0, resolved: 0 };
  let after = '';
  for (;;) {
    const batch = await db
      .select({ id: supplierAdvisories.id, advisoryKey: supplierAdvisories.advisoryKey })
      .from(supplierAdvisories)
      .where(and(eq(supplierAdvisories.latest, true), gt(supplierAdvisories.advisoryKey, after)))
      .orderBy(asc(supplierAdvisories.advisoryKey))
      .limit(100);
    if (!batch.length) break;
    for (const { advisoryKey } of batch) {
      const counts = await inTransaction({ db, actor: systemActor('supplier-rematch'), principal: null }, async (tx, audit) => {
        await lockName(tx, `supplier-advisory:${advisoryKey}`, 'exclusive');
        // read under the lock: an import that committed meanwhile made another version the latest
        const [row] = await tx
          .select({ id: supplierAdvisories.id, parsed: supplierAdvisories.parsed })
          .from(supplierAdvisories)
          .where(and(eq(supplierAdvisories.advisoryKey, advisoryKey), eq(supplierAdvisories.latest, true)));
        return row ? matchAdvisory(tx, audit, { id: row.id, advisoryKey, parsed: row.parsed }) : null;
      });
      if (!counts) continue;
      total.advisories++;
      total.suggested += counts.suggested;
      total.updated += counts.updated;
      total.resolved += counts.resolved;
    }
    after = batch.at(-1)!.advisoryKey;
  }
  log?.info({ ...total }, 'supplier advisories matched again');
  return total;
}

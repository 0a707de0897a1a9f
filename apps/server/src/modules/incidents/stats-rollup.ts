import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { systemActor } from '../../platform/audit/record';
import { inTransaction } from '../../platform/tx';

export interface RollupRebuild {
  /** cases counted */
  cases: number;
  /** roll-up rows that were missing, extra or different before the rebuild (0: it was exact) */
  wrong: number;
}

/**
 * Rewrites the statistics roll-up from the cases (migration 0006: incident_stats_rebuild). The triggers keep
 * it exact in every transaction; this is the repair after someone switched them off or edited the tables.
 * Audited, since what the statistics page shows may change.
 */
export function rebuildIncidentStats(db: Db, actorLabel = 'cli'): Promise<RollupRebuild> {
  return inTransaction({ db, actor: systemActor(actorLabel), principal: null }, async (tx, audit) => {
    const [row] = await queryRows<{ wrong: number; cases: number }>(
      tx,
      sql`SELECT incident_stats_rebuild() AS wrong, (SELECT count(*)::int FROM incidents) AS cases`,
    );
    const result = { cases: Number(row!.cases), wrong: Number(row!.wrong) };
    await audit({ action: 'incident_stats.rebuild', targetType: 'incident_stats', after: result });
    return result;
  });
}

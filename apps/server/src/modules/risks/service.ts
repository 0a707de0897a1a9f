import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { escapeLike } from '../../platform/access/scope';
import { levelRef } from './register/query';
import { riskMethodVersions, risks } from './tables';

/**
 * What other domains may use of the risks domain. `scopePath` is an org path ('/a/b/'): the subtree whose risks
 * count (the SoA's ISMS scope, a dashboard's unit); the caller has applied its own access rule to it.
 */

const inSubtree = (scopePath: string) => sql`${risks.unitPath} LIKE ${escapeLike(scopePath) + '%'}`;

/** The risks of the subtree that name one of these controls as existing controls (the SoA lists them per control). */
export async function risksByControl(
  db: Db,
  controlIds: readonly string[],
  scopePath: string,
): Promise<
  {
    controlId: string;
    riskId: string;
    title: string;
    /** the risk's unit path, so a caller can keep only what its reader may see */
    unitPath: string;
    residualLevel: { code: string; labelJa: string; labelEn: string; colour: string };
  }[]
> {
  if (controlIds.length === 0) return [];
  const wanted = sql`ARRAY[${sql.join(
    controlIds.map((c) => sql`${c}`),
    sql`, `,
  )}]::text[]`;
  const rows = await db
    .select({ risk: risks, method: riskMethodVersions.method })
    .from(risks)
    .innerJoin(riskMethodVersions, eq(riskMethodVersions.id, risks.methodId))
    .where(and(inSubtree(scopePath), sql`${risks.controlIds} && ${wanted}`));
  const set = new Set(controlIds);
  return rows.flatMap(({ risk, method }) =>
    risk.controlIds
      .filter((c) => set.has(c))
      .map((controlId) => ({
        controlId,
        riskId: risk.id,
        title: risk.title,
        unitPath: risk.unitPath,
        residualLevel: levelRef(method, risk.residualLevel),
      })),
  );
}

export interface RiskSummary {
  total: number;
  /** by residual level code (levels of each risk's own method snapshot) */
  byLevel: Record<string, number>;
  byTreatment: Record<string, number>;
  /** treatments not done whose due date has passed */
  overdue: number;
  accepted: number;
}

/** Counts for the dashboard: per residual level and treatment, overdue open treatments, accepted risks. */
export async function riskSummary(db: Db, scopePath: string): Promise<RiskSummary> {
  const rows = await db
    .select({
      level: risks.residualLevel,
      treatment: risks.treatment,
      count: count(),
      overdue: sql<number>`count(*) filter (where ${risks.status} <> 'done' and ${risks.dueDate} < current_date)::int`,
      accepted: sql<number>`count(*) filter (where ${risks.acceptedAt} is not null)::int`,
    })
    .from(risks)
    .where(inSubtree(scopePath))
    .groupBy(risks.residualLevel, risks.treatment);
  const out: RiskSummary = { total: 0, byLevel: {}, byTreatment: {}, overdue: 0, accepted: 0 };
  for (const r of rows) {
    out.total += r.count;
    out.byLevel[r.level] = (out.byLevel[r.level] ?? 0) + r.count;
    out.byTreatment[r.treatment] = (out.byTreatment[r.treatment] ?? 0) + r.count;
    out.overdue += Number(r.overdue);
    out.accepted += Number(r.accepted);
  }
  return out;
}

/**
 * For the internal-audit programme (units proposed by risk): per unit of the subtree, the risks not yet done and,
 * of those, the ones whose residual level is the top level of their own method.
 */
export async function openRisksByUnit(db: Db, scopePath: string): Promise<Map<string, { open: number; high: number }>> {
  const rows = await db
    .select({
      unitId: risks.unitId,
      open: sql<number>`count(*)::int`,
      high: sql<number>`count(*) filter (where ${risks.residualLevel} = ${riskMethodVersions.method}->'levels'->-1->>'code')::int`,
    })
    .from(risks)
    .innerJoin(riskMethodVersions, eq(riskMethodVersions.id, risks.methodId))
    .where(and(inSubtree(scopePath), sql`${risks.status} <> 'done'`))
    .groupBy(risks.unitId);
  return new Map(rows.map((r) => [r.unitId, { open: Number(r.open), high: Number(r.high) }]));
}
/** Figures for the dashboard and reports (issue #15). */
export { risksAboveAcceptance } from './figures';

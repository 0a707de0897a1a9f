import type { Heatmap } from '@mamori/contracts';
import { and, count, eq, sql } from 'drizzle-orm';
import { escapeLike, scopeOf, scopeSql } from '../../../platform/access/scope';
import { effectiveSetting } from '../../../platform/settings/effective';
import type { Ctx } from '../../../platform/tx';
import { riskMethodSetting } from '../method/setting';
import { riskMethodVersions, risks } from '../tables';
import { unitPathOf } from './list';
import { levelRef, methodsByIds } from './query';

/**
 * Counts per likelihood × impact cell of the method that applies to the unit (the group's when none is given).
 * Only risks assessed under that very method version are placed on its grid; risks assessed under another version
 * (an older method, or another company's) keep the level of their own snapshot and are counted per level in
 * `otherMethods`, shown beside the grid: a 5 × 5 "4/4" does not mean the same on a 3 × 3 grid.
 */
export async function riskHeatmap(ctx: Ctx, q: { unitId?: string; basis: 'inherent' | 'residual' }): Promise<Heatmap> {
  const eff = await effectiveSetting(ctx.db, riskMethodSetting, q.unitId);
  const where = [scopeSql(scopeOf(ctx.principal, 'risks:read'), risks.unitPath)];
  if (q.unitId) where.push(sql`${risks.unitPath} LIKE ${escapeLike(await unitPathOf(ctx.db, q.unitId)) + '%'}`);
  const inherent = q.basis === 'inherent';
  const l = inherent ? risks.inherentLikelihood : risks.residualLikelihood;
  const i = inherent ? risks.inherentImpact : risks.residualImpact;
  const level = inherent ? risks.inherentLevel : risks.residualLevel;
  const sameMethod = and(eq(riskMethodVersions.scope, eff.scope), eq(riskMethodVersions.version, eff.version));
  const cells = await ctx.db
    .select({ likelihood: l, impact: i, count: count() })
    .from(risks)
    .innerJoin(riskMethodVersions, eq(riskMethodVersions.id, risks.methodId))
    .where(and(...where, sameMethod))
    .groupBy(l, i);
  const others = await ctx.db
    .select({ methodId: risks.methodId, level, count: count() })
    .from(risks)
    .innerJoin(riskMethodVersions, eq(riskMethodVersions.id, risks.methodId))
    .where(and(...where, sql`NOT (${sameMethod})`))
    .groupBy(risks.methodId, level);
  const methods = new Map((await methodsByIds(ctx.db, [...new Set(others.map((o) => o.methodId))])).map((m) => [m.id, m]));
  // the same level code under two old versions is one line; labels and colour from one of those snapshots
  const byLevel = new Map<string, Heatmap['otherMethods'][number]>();
  for (const o of others) {
    const ref = levelRef(methods.get(o.methodId)!.method, o.level);
    const seen = byLevel.get(o.level);
    byLevel.set(o.level, { ...ref, count: (seen?.count ?? 0) + o.count });
  }
  const inGrid = cells.reduce((n, c) => n + c.count, 0);
  return {
    basis: q.basis,
    method: eff.value,
    methodScope: eff.scope,
    methodVersion: eff.version,
    cells,
    otherMethods: [...byLevel.values()],
    total: inGrid + [...byLevel.values()].reduce((n, c) => n + c.count, 0),
  };
}

import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { scopeSql, type Scope } from '../../platform/access/scope';

/**
 * Risks above the acceptance level (issue #15): residual level ranked above the `acceptUpTo` level of the method
 * snapshot the risk was assessed with, and not accepted. Counted per residual level with the level's labels.
 */
export async function risksAboveAcceptance(
  db: Db,
  scope: Scope,
): Promise<{ total: number; above: number; levels: { code: string; labelJa: string; labelEn: string; count: number }[] }> {
  const rows = await queryRows<{ level: string; label_ja: string | null; label_en: string | null; above: boolean; n: number }>(
    db,
    sql`SELECT r.residual_level AS level, lv.l->>'labelJa' AS label_ja, lv.l->>'labelEn' AS label_en,
               (lv.i > coalesce((SELECT a.i FROM jsonb_array_elements(m.method->'levels') WITH ORDINALITY a(l, i)
                                 WHERE a.l->>'code' = m.method->>'acceptUpTo'), 0)) AND r.accepted_at IS NULL AS above,
               count(*)::int AS n
        FROM risks r JOIN risk_method_versions m ON m.id = r.method_id
          LEFT JOIN LATERAL (SELECT e.l, e.i FROM jsonb_array_elements(m.method->'levels') WITH ORDINALITY e(l, i)
                             WHERE e.l->>'code' = r.residual_level) lv ON true
        WHERE ${scopeSql(scope, sql`r.unit_path`)} GROUP BY 1, 2, 3, 4`,
  );
  const levels = new Map<string, { code: string; labelJa: string; labelEn: string; count: number }>();
  let total = 0;
  let above = 0;
  for (const r of rows) {
    total += r.n;
    if (!r.above) continue;
    above += r.n;
    const l = levels.get(r.level) ?? { code: r.level, labelJa: r.label_ja ?? r.level, labelEn: r.label_en ?? r.level, count: 0 };
    l.count += r.n;
    levels.set(r.level, l);
  }
  return { total, above, levels: [...levels.values()] };
}

import { fieldError, invalid } from '../../../platform/errors/app-error';
import { eq } from 'drizzle-orm';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import type { Db } from '../../../db/client';
import type { TaraMethodDefinition } from '@mamori/contracts';
import { getAnalysis, lockAnalysis } from './analyses';
import { methodDefinition } from './methods';
import { taraAnalyses } from './tables';
import { loadParts, rate, type Parts } from './workspace';

/**
 * Re-rating an analysis under another approved method version: the same typed ratings, read through the other
 * version's tables and matrix. Answers what moved (risks whose impact, feasibility or value differ) and what the
 * other version does not know; applying it switches the analysis to that version.
 */
function diff(from: TaraMethodDefinition, to: TaraMethodDefinition, parts: Parts) {
  const before = new Map(rate(from, parts).risks.map((r) => [`${r.threatId}/${r.damageId}`, r]));
  const moved = rate(to, parts)
    .risks.map((after) => ({ after, before: before.get(`${after.threatId}/${after.damageId}`)! }))
    .filter(({ before: b, after: a }) => b.impact !== a.impact || b.feasibility !== a.feasibility || b.value !== a.value)
    .map(({ before: b, after: a }) => ({
      threatId: a.threatId,
      damageId: a.damageId,
      before: { impact: b.impact, feasibility: b.feasibility, value: b.value },
      after: { impact: a.impact, feasibility: a.feasibility, value: a.value },
    }));
  const factors = new Map(to.feasibility.factors.map((f) => [f.code, new Set(f.levels.map((l) => l.code))]));
  const categories = new Set(to.impactCategories.map((c) => c.code));
  const unmapped: { kind: 'leaf' | 'damage'; id: string; codes: string[] }[] = [];
  for (const n of parts.nodes) {
    if (n.kind !== 'leaf' || !n.ratings) continue;
    const codes = Object.entries(n.ratings)
      .filter(([f, l]) => !factors.get(f)?.has(l))
      .map(([f, l]) => `${f}:${l}`);
    const missing = [...factors.keys()].filter((f) => !(f in n.ratings!));
    if (codes.length || missing.length) unmapped.push({ kind: 'leaf', id: n.id, codes: [...codes, ...missing] });
  }
  for (const d of parts.damages) {
    const codes = Object.keys(d.impacts).filter((c) => !categories.has(c));
    if (codes.length) unmapped.push({ kind: 'damage', id: d.id, codes });
  }
  return { moved, unmapped };
}

async function approved(db: Db, version: number, path: string) {
  const m = await methodDefinition(db, version);
  if (!m) throw invalid([fieldError(path, 'tara.method_unknown', { version })]);
  if (m.status !== 'approved') throw invalid([fieldError(path, 'tara.method_not_approved', { version })]);
  return m.definition;
}

export async function previewRerate(ctx: Ctx, id: string, version: number) {
  const analysis = await getAnalysis(ctx, id);
  const to = await approved(ctx.db, version, 'query.version');
  const parts = await loadParts(ctx.db, id);
  return { fromVersion: analysis.methodVersion, toVersion: version, applied: false, ...diff(analysis.method, to, parts) };
}

export function applyRerate(ctx: Ctx, id: string, version: number, expected: Precondition) {
  return inTransaction(ctx, async (tx, audit) => {
    const { row, orgPath, method } = await lockAnalysis(tx, ctx, id, expected);
    const to = await approved(tx, version, 'body.version');
    const parts = await loadParts(tx, id);
    const result = diff(method, to, parts);
    await tx.update(taraAnalyses).set({ methodVersion: version, updatedAt: new Date() }).where(eq(taraAnalyses.id, id));
    await audit({
      action: 'tara_analysis.rerate',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath,
      before: { methodVersion: row.methodVersion },
      after: { methodVersion: version, moved: result.moved },
    });
    return { fromVersion: row.methodVersion, toVersion: version, applied: true, ...result };
  });
}

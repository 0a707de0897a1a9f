import type { TaraNodeBody, UpdateTaraNodeBody } from '@mamori/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { fieldError, invalid, notFound, type FieldError } from '../../../platform/errors/app-error';
import type { Precondition } from '../../../platform/records/version';
import type { Ctx } from '../../../platform/tx';
import { changeAnalysis, type Locked } from './analyses';
import { taraNodes, taraThreats } from './tables';

/**
 * Attack-tree nodes. A leaf carries one rating per factor of the analysis's method; AND/OR nodes carry none (they
 * derive). Feasibility and attack potential are never accepted; a parent that would put a node under itself is
 * refused. The check reads the threat's tree under the analysis lock, so two moves cannot make a cycle together.
 */

type NodeRow = typeof taraNodes.$inferSelect;

function checkRatings(locked: Locked, kind: string, ratings: Record<string, string> | null | undefined, errors: FieldError[]) {
  if (kind !== 'leaf') {
    if (ratings && Object.keys(ratings).length) errors.push(fieldError('body.ratings', 'tara.ratings_on_gate'));
    return;
  }
  if (!ratings) return; // an unrated leaf: the tree stays unrated until it is
  const factors = new Map(locked.method.feasibility.factors.map((f) => [f.code, f]));
  for (const [code, level] of Object.entries(ratings)) {
    const factor = factors.get(code);
    if (!factor) errors.push(fieldError(`body.ratings.${code}`, 'tara.factor_unknown'));
    else if (!factor.levels.some((l) => l.code === level)) errors.push(fieldError(`body.ratings.${code}`, 'tara.level_unknown'));
  }
  for (const code of factors.keys())
    if (!(code in ratings)) errors.push(fieldError(`body.ratings.${code}`, 'tara.factor_missing', { factor: code }));
}

const refuseDerived = (body: { feasibility?: unknown; attackPotential?: unknown }, errors: FieldError[]) => {
  if (body.feasibility !== undefined) errors.push(fieldError('body.feasibility', 'tara.feasibility_derived'));
  if (body.attackPotential !== undefined) errors.push(fieldError('body.attackPotential', 'tara.feasibility_derived'));
};

/** The parent must be an AND/OR node of the same threat; and not the node itself or one of its descendants. */
async function checkParent(tx: Db, id: string, threatId: string, parentId: string, nodeId: string | null, errors: FieldError[]) {
  const tree = await tx
    .select({ id: taraNodes.id, parentId: taraNodes.parentId, kind: taraNodes.kind })
    .from(taraNodes)
    .where(and(eq(taraNodes.analysisId, id), eq(taraNodes.threatId, threatId)));
  const byId = new Map(tree.map((n) => [n.id, n]));
  const parent = byId.get(parentId);
  if (!parent || parent.kind === 'leaf') return void errors.push(fieldError('body.parentId', 'tara.parent_not_gate'));
  if (!nodeId) return;
  // Walk up from the new parent: meeting the node means the node would sit under itself.
  const seen = new Set<string>();
  for (let at: string | null = parentId; at; at = byId.get(at)?.parentId ?? null) {
    if (at === nodeId || seen.has(at)) return void errors.push(fieldError('body.parentId', 'tara.attack_tree_cycle'));
    seen.add(at);
  }
}

export function addNode(ctx: Ctx, id: string, body: z.infer<typeof TaraNodeBody>, expected: Precondition) {
  return changeAnalysis(ctx, id, expected, async (tx, locked, audit) => {
    const errors: FieldError[] = [];
    refuseDerived(body, errors);
    const [threat] = await tx
      .select({ id: taraThreats.id })
      .from(taraThreats)
      .where(and(eq(taraThreats.id, body.threatId), eq(taraThreats.analysisId, id)));
    if (!threat) errors.push(fieldError('body.threatId', 'tara.threat_unknown'));
    else if (body.parentId) await checkParent(tx, id, body.threatId, body.parentId, null, errors);
    checkRatings(locked, body.kind, body.ratings, errors);
    if (errors.length) throw invalid(errors);
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${taraNodes.position}) + 1, 0)` })
      .from(taraNodes)
      .where(eq(taraNodes.threatId, body.threatId))) as [{ next: number }];
    const [row] = await tx
      .insert(taraNodes)
      .values({
        analysisId: id,
        threatId: body.threatId,
        parentId: body.parentId ?? null,
        kind: body.kind,
        title: body.title,
        position: Number(next),
        ratings: body.kind === 'leaf' ? (body.ratings ?? null) : null,
      })
      .returning();
    await audit({ action: 'tara_node.create', targetType: 'tara_analysis', targetId: id, orgPath: locked.orgPath, after: row });
  });
}

async function loadNode(tx: Db, id: string, nodeId: string): Promise<NodeRow> {
  const [node] = await tx
    .select()
    .from(taraNodes)
    .where(and(eq(taraNodes.id, nodeId), eq(taraNodes.analysisId, id)));
  if (!node) throw notFound('The attack-tree node');
  return node;
}

export function updateNode(
  ctx: Ctx,
  id: string,
  nodeId: string,
  body: z.infer<typeof UpdateTaraNodeBody>,
  expected: Precondition,
) {
  return changeAnalysis(ctx, id, expected, async (tx, locked, audit) => {
    const before = await loadNode(tx, id, nodeId);
    const errors: FieldError[] = [];
    refuseDerived(body, errors);
    const kind = body.kind ?? before.kind;
    if (body.parentId) await checkParent(tx, id, before.threatId, body.parentId, nodeId, errors);
    if (kind === 'leaf' && before.kind !== 'leaf') {
      const [child] = await tx.select({ id: taraNodes.id }).from(taraNodes).where(eq(taraNodes.parentId, nodeId)).limit(1);
      if (child) errors.push(fieldError('body.kind', 'tara.gate_has_children'));
    }
    checkRatings(locked, kind, body.ratings, errors);
    if (errors.length) throw invalid(errors);
    const [after] = await tx
      .update(taraNodes)
      .set({
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.parentId !== undefined ? { parentId: body.parentId } : {}),
        kind,
        ratings: kind === 'leaf' ? (body.ratings !== undefined ? body.ratings : before.ratings) : null,
      })
      .where(eq(taraNodes.id, nodeId))
      .returning();
    await audit({
      action: 'tara_node.update',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath: locked.orgPath,
      before,
      after,
    });
  });
}

/** Removes a node with its whole subtree. */
export function deleteNode(ctx: Ctx, id: string, nodeId: string, expected: Precondition) {
  return changeAnalysis(ctx, id, expected, async (tx, locked, audit) => {
    const node = await loadNode(tx, id, nodeId);
    const tree = await tx
      .select({ id: taraNodes.id, parentId: taraNodes.parentId })
      .from(taraNodes)
      .where(eq(taraNodes.threatId, node.threatId));
    const gone = new Set([nodeId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const n of tree)
        if (n.parentId && gone.has(n.parentId) && !gone.has(n.id)) {
          gone.add(n.id);
          grew = true;
        }
    }
    await tx.delete(taraNodes).where(inArray(taraNodes.id, [...gone]));
    await audit({
      action: 'tara_node.delete',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath: locked.orgPath,
      before: { ...node, subtree: gone.size },
    });
  });
}

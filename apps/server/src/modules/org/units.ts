import { z } from 'zod';
import type { CreateOrgUnitBody, OrgUnitListQuery, UpdateOrgUnitBody } from '@mamori/contracts';
import { and, asc, eq, gt, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { covers, escapeLike, scopeOf, type Scope } from '../../platform/access/scope';
import { AppError, conflict, notFound, msg, fieldError } from '../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../platform/http/cursor';
import { lockName, loadForUpdate } from '../../platform/records/lock';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { pathIds, presentUnit, unitAuditView } from './present';
import { orgUnits, people } from './tables';

/** Visible for reading: inside the scope, or an ancestor of it (so a scoped user can walk down to their units). */
function visibleSql(scope: Scope): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'none') return sql`false`;
  const parts = scope.paths.flatMap((p) => [
    sql`${orgUnits.path} LIKE ${escapeLike(p) + '%'}`,
    sql`${p} LIKE ${orgUnits.path} || '%'`,
  ]);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

const childCounts = async (db: Db, ids: string[]) => {
  if (!ids.length) return new Map<string, number>();
  const rows = await db
    .select({ parentId: orgUnits.parentId, n: sql<number>`count(*)::int` })
    .from(orgUnits)
    .where(inArray(orgUnits.parentId, ids))
    .groupBy(orgUnits.parentId);
  return new Map(rows.map((r) => [r.parentId!, r.n]));
};

export async function listUnits(ctx: Ctx, q: z.infer<typeof OrgUnitListQuery>) {
  const where: (SQL | undefined)[] = [visibleSql(scopeOf(ctx.principal, 'org:read'))];
  if (q.parentId === 'root') where.push(sql`${orgUnits.parentId} IS NULL`);
  else if (q.parentId) where.push(eq(orgUnits.parentId, q.parentId));
  if (q.q) {
    const pattern = `%${escapeLike(q.q)}%`;
    where.push(or(sql`${orgUnits.nameEn} ILIKE ${pattern}`, sql`${orgUnits.nameJa} ILIKE ${pattern}`, eq(orgUnits.code, q.q)));
  }
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor, z.tuple([CursorPart.text(500), CursorPart.uuid]));
    where.push(or(gt(orgUnits.nameEn, name), and(eq(orgUnits.nameEn, name), gt(orgUnits.id, id))));
  }
  const rows = await ctx.db
    .select()
    .from(orgUnits)
    .where(and(...where))
    .orderBy(asc(orgUnits.nameEn), asc(orgUnits.id))
    .limit(q.limit + 1);
  const counts = await childCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return pageOf(
    rows,
    q.limit,
    (r) => presentUnit(r, counts.get(r.id) ?? 0),
    (r) => [r.nameEn, r.id],
  );
}

/** The unit if the principal may see it for `action`; 404 otherwise (not "forbidden": existence is not told). */
/** May a reader with this org:read scope see the unit at `path`: inside the scope, or an ancestor of it (to navigate down)? */
export const readableUnit = (scope: Scope, path: string | null): path is string =>
  path !== null && (covers(scope, path) || (scope.kind === 'paths' && scope.paths.some((p) => p.startsWith(path))));

export async function loadUnit(db: Db, scope: Scope, id: string, mode: 'read' | 'write' = 'write') {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  const ok = unit && (mode === 'read' ? readableUnit(scope, unit.path) : covers(scope, unit.path));
  if (!ok) throw notFound('The org unit');
  return unit;
}

export async function getUnit(ctx: Ctx, id: string) {
  const unit = await loadUnit(ctx.db, scopeOf(ctx.principal, 'org:read'), id, 'read');
  const ancestorIds = pathIds(unit.path).slice(0, -1);
  const ancestors = ancestorIds.length
    ? await ctx.db
        .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn, depth: orgUnits.depth })
        .from(orgUnits)
        .where(inArray(orgUnits.id, ancestorIds))
    : [];
  ancestors.sort((a, b) => a.depth - b.depth);
  const [{ n } = { n: 0 }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .where(eq(people.orgUnitId, id));
  const counts = await childCounts(ctx.db, [id]);
  return {
    ...presentUnit(unit, counts.get(id) ?? 0),
    ancestors: ancestors.map(({ id: aid, nameJa, nameEn }) => ({ id: aid, nameJa, nameEn })),
    peopleCount: n,
  };
}

/**
 * Unit paths are derived from the parent's path: a creation reads it, a move rewrites a whole subtree. Creations
 * (and imports) hold this lock shared, moves exclusive, so no unit is created under a path that a move is rewriting
 * and two moves never check "not under itself" against each other's stale paths.
 */
export const ORG_TREE_LOCK = 'org_units.tree';

export function createUnit(ctx: Ctx, body: z.infer<typeof CreateOrgUnitBody>) {
  const scope = scopeOf(ctx.principal, 'org:manage');
  return inTransaction(ctx, async (tx, audit) => {
    await lockName(tx, ORG_TREE_LOCK, 'shared');
    const id = crypto.randomUUID();
    let path = `/${id}/`;
    let depth = 0;
    if (body.parentId) {
      const parent = await loadUnit(tx, scope, body.parentId).catch(() => {
        throw new AppError('validation', msg('org.parent_out_of_scope'), [
          { path: 'body.parentId', message: 'unknown or outside your scope' },
        ]);
      });
      path = `${parent.path}${id}/`;
      depth = parent.depth + 1;
    } else if (scope.kind !== 'all') {
      throw new AppError('forbidden', msg('org.top_level_group_only'));
    }
    const [unit] = await tx
      .insert(orgUnits)
      .values({ id, ...body, path, depth })
      .returning();
    await audit({ action: 'org_unit.create', targetType: 'org_unit', targetId: id, orgPath: path, after: unitAuditView(unit!) });
    return presentUnit(unit!, 0);
  });
}

export function updateUnit(ctx: Ctx, id: string, body: z.infer<typeof UpdateOrgUnitBody>, expected?: Precondition) {
  const scope = scopeOf(ctx.principal, 'org:manage');
  return inTransaction(ctx, async (tx, audit) => {
    await lockName(tx, ORG_TREE_LOCK, body.parentId !== undefined ? 'exclusive' : 'shared');
    const before = await loadForUpdate(tx, orgUnits, id, () => loadUnit(tx, scope, id), expected);
    let path = before.path;
    if (body.parentId !== undefined && body.parentId !== before.parentId) {
      let depth: number;
      if (body.parentId === null) {
        if (scope.kind !== 'all') throw new AppError('forbidden', msg('org.top_level_group_only'));
        path = `/${id}/`;
        depth = 0;
      } else {
        const parent = await loadUnit(tx, scope, body.parentId).catch(() => {
          throw new AppError('validation', msg('org.new_parent_out_of_scope'), [
            { path: 'body.parentId', message: 'unknown or outside your scope' },
          ]);
        });
        if (parent.path.startsWith(before.path))
          throw conflict(msg('org.move_under_itself'), [fieldError('body.parentId', 'org.inside_unit')]);
        path = `${parent.path}${id}/`;
        depth = parent.depth + 1;
      }
      // Move the whole subtree: rewrite the path prefix and shift depths.
      await tx
        .update(orgUnits)
        .set({
          path: sql`${path} || substr(${orgUnits.path}, ${before.path.length + 1})`,
          depth: sql`${orgUnits.depth} + ${depth - before.depth}`,
        })
        .where(like(orgUnits.path, `${escapeLike(before.path)}%`));
    }
    const [after] = await tx
      .update(orgUnits)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(orgUnits.id, id))
      .returning();
    await audit({
      action: 'org_unit.update',
      targetType: 'org_unit',
      targetId: id,
      orgPath: path,
      before: unitAuditView(before),
      after: unitAuditView(after!),
    });
    const counts = await childCounts(tx, [id]);
    return presentUnit(after!, counts.get(id) ?? 0);
  });
}

export function deleteUnit(ctx: Ctx, id: string) {
  const scope = scopeOf(ctx.principal, 'org:manage');
  return inTransaction(ctx, async (tx, audit) => {
    await lockName(tx, ORG_TREE_LOCK, 'exclusive');
    const unit = await loadForUpdate(tx, orgUnits, id, () => loadUnit(tx, scope, id));
    const [child] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.parentId, id)).limit(1);
    const [member] = await tx.select({ id: people.id }).from(people).where(eq(people.orgUnitId, id)).limit(1);
    if (child || member) throw conflict(msg('org.unit_not_empty'));
    await tx.delete(orgUnits).where(eq(orgUnits.id, id));
    await audit({
      action: 'org_unit.delete',
      targetType: 'org_unit',
      targetId: id,
      orgPath: unit.path,
      before: unitAuditView(unit),
    });
  });
}

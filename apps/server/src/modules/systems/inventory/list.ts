import type { System, SystemListQuery } from '@mamori/contracts';
import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { escapeLike } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, encodeCursor } from '../../../platform/http/cursor';
import type { Ctx } from '../../../platform/tx';
import { unitById } from '../../org/service';
import { canAt, inScopeSql } from '../access';
import { systems } from '../tables';
import { presentSystems } from './present';

const Cursor = z.tuple([CursorPart.text(200), CursorPart.uuid]);

/**
 * Systems in the reader's scope, by name (keyset on name, id): optionally of one unit's subtree (404 outside the
 * scope), of a kind, a status, internet-facing or not, with open coverage findings, or whose name contains `q`.
 */
export async function listSystems(ctx: Ctx, q: SystemListQuery): Promise<{ items: System[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [await systemsWhere(ctx, q)];
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor, Cursor);
    where.push(or(gt(systems.name, name), and(eq(systems.name, name), gt(systems.id, id))));
  }
  const rows = await ctx.db
    .select()
    .from(systems)
    .where(and(...where))
    .orderBy(asc(systems.name), asc(systems.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const shown = rows.slice(0, q.limit);
  const last = shown.at(-1);
  return {
    items: await presentSystems(ctx.db, ctx, shown),
    nextCursor: more && last ? encodeCursor([last.name, last.id]) : null,
  };
}

/** The list's filters (scope first; 404 for a unit outside it) as one condition: shared with the XLSX export. */
export async function systemsWhere(ctx: Ctx, q: Omit<SystemListQuery, 'limit' | 'cursor'>): Promise<SQL> {
  const where: (SQL | undefined)[] = [inScopeSql(ctx, 'systems:read', systems.unitPath)];
  if (q.unitId) {
    const unit = await unitById(ctx.db, q.unitId);
    if (!unit || !canAt(ctx, 'systems:read', unit.path)) throw notFound();
    where.push(sql`${systems.unitPath} LIKE ${escapeLike(unit.path) + '%'}`);
  }
  if (q.kind) where.push(eq(systems.kind, q.kind));
  if (q.status) where.push(eq(systems.status, q.status));
  if (q.internetFacing) where.push(eq(systems.internetFacing, q.internetFacing === 'true'));
  if (q.gaps) where.push(sql`EXISTS (SELECT 1 FROM system_findings f WHERE f.system_id = ${systems.id} AND f.closed_at IS NULL)`);
  if (q.q) where.push(ilike(systems.name, `%${escapeLike(q.q)}%`));
  return and(...where)!;
}

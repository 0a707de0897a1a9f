import type { Action, LocalText } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/sql';
import { covers, scopeOf, type Scope } from '../../platform/access/scope';
import { fieldError, invalid, notFound } from '../../platform/errors/app-error';
import type { Ctx } from '../../platform/tx';

export interface ReaderScope {
  scope: Scope;
  /** the units the scope is made of (none: the whole group) */
  units: { id: string; path: string; kind: string; name: LocalText }[];
}

const lastId = (path: string) => path.split('/').filter(Boolean).at(-1)!;

/**
 * The scope whose figures a reader gets: their scope for `action`, narrowed to `unitId` when given. A unit inside the
 * scope narrows to its subtree; a unit above the scope keeps the parts of the scope inside it; any other unit is 404
 * (its existence is not told). Every figure is computed in this scope and nothing else.
 */
export async function readerScope(
  ctx: Ctx,
  action: Action,
  unitId: string | null | undefined,
  field = 'querystring.unitId',
): Promise<ReaderScope> {
  const base = scopeOf(ctx.principal, action);
  if (base.kind === 'none') throw notFound();
  let paths: string[] | null = base.kind === 'all' ? null : base.paths;
  if (unitId) {
    const [u] = await queryRows<{ path: string }>(ctx.db, sql`SELECT path FROM org_units WHERE id = ${unitId}`);
    if (!u) throw invalid([fieldError(field, 'reports.unknown_unit')]);
    if (covers(base, u.path)) paths = [u.path];
    else {
      const inside = (paths ?? []).filter((p) => p.startsWith(u.path));
      if (!inside.length) throw notFound();
      paths = inside;
    }
  }
  if (!paths) return { scope: { kind: 'all' }, units: [] };
  const ids = paths.map(lastId);
  const rows = await queryRows<{ id: string; path: string; kind: string; name_ja: string; name_en: string }>(
    ctx.db,
    sql`SELECT id::text, path, kind, name_ja, name_en FROM org_units WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}::uuid`),
      sql`, `,
    )}) ORDER BY path`,
  );
  return {
    scope: { kind: 'paths', paths },
    units: rows.map((r) => ({ id: r.id, path: r.path, kind: r.kind, name: { ja: r.name_ja, en: r.name_en } })),
  };
}

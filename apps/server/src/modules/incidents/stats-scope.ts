import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import type { Scope } from '../../platform/access/scope';
import { invalid } from '../../platform/errors/app-error';

/** A unit whose subtree the statistics cover: the roll-up holds each case under every unit on its path. */
export interface StatsRoot {
  id: string;
  path: string;
}

const lastId = (path: string) => path.split('/').filter(Boolean).at(-1)!;

/**
 * The subtrees to count: the roots of the caller's scope (the top units for the whole group), narrowed to
 * `orgUnitId` when given. Scope paths never nest (scopeOf keeps the outermost), so no case counts twice.
 */
export async function statsRoots(db: Db, scope: Scope, orgUnitId: string | undefined): Promise<StatsRoot[]> {
  if (scope.kind === 'none') return [];
  let unit: StatsRoot | undefined;
  if (orgUnitId) {
    [unit] = await queryRows<StatsRoot>(db, sql`SELECT id::text, path FROM org_units WHERE id = ${orgUnitId}`);
    if (!unit) throw invalid([{ path: 'querystring.orgUnitId', message: 'unknown org unit' }]);
  }
  if (scope.kind === 'all')
    return unit ? [unit] : queryRows<StatsRoot>(db, sql`SELECT id::text, path FROM org_units WHERE parent_id IS NULL`);
  const roots = scope.paths.map((path) => ({ id: lastId(path), path }));
  if (!unit) return roots;
  if (roots.some((r) => unit.path.startsWith(r.path))) return [unit];
  return roots.filter((r) => r.path.startsWith(unit.path));
}

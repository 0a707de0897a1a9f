import { EXTERNAL_ROLES, grantActions, type Action } from '@mamori/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Grant, Principal } from './principal';

/** Where a principal may perform an action: everywhere, within some org subtrees, or nowhere. */
export type Scope = { kind: 'all' } | { kind: 'paths'; paths: string[] } | { kind: 'none' };

export const NO_SCOPE: Scope = { kind: 'none' };

/**
 * A grant counts only for the kind of account it suits: an external (partner) account uses external roles
 * only, an internal account internal roles only. A partner account given an internal role by mistake gains nothing.
 */
export const effectiveGrants = (principal: Principal): Grant[] =>
  principal.grants.filter((g) => EXTERNAL_ROLES.includes(g.role) === (principal.kind === 'partner'));

export function scopeOf(principal: Principal | null, action: Action): Scope {
  if (!principal) return NO_SCOPE;
  const paths: string[] = [];
  for (const grant of effectiveGrants(principal)) {
    if (!grantActions(grant.role, grant.path !== null).includes(action)) continue;
    if (grant.path === null) return { kind: 'all' };
    paths.push(grant.path);
  }
  return paths.length ? { kind: 'paths', paths: minimalPaths(paths) } : NO_SCOPE;
}

/** Drops paths inside other paths: /a/ covers /a/b/. */
function minimalPaths(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
}

/** Does the scope cover a record at this org path? A record with no org path is covered only by 'all'. */
export function covers(scope: Scope, path: string | null | undefined): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none' || !path) return false;
  return scope.paths.some((p) => path.startsWith(p));
}

/** The same test as `covers`, as a SQL condition on a path column: scope applied inside the query. */
export function scopeSql(scope: Scope, pathColumn: AnyPgColumn | SQL): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'none') return sql`false`;
  const likes = scope.paths.map((p) => sql`${pathColumn} LIKE ${escapeLike(p) + '%'}`);
  return sql`(${sql.join(likes, sql` OR `)})`;
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Figures for several subtrees in one statement (the group overview: one column per company). `subtreesFrom(paths)`
 * is a FROM item listing the subtrees as `subtree(path)`; `inSubtree(col)` holds when a row's path starts with that
 * subtree's, as `scopeSql` with that one path would. It is written as a byte-wise range (`~>=~`, `~<~`), which a
 * `text_pattern_ops` index on the path serves once per subtree (a LIKE on a pattern from another table cannot use the
 * index); exact for paths of unit ids, which are ASCII. A row counts in every subtree on its path, so nested
 * companies each count their affiliates' rows. Group by `subtree.path`.
 */
export const subtreesFrom = (paths: string[]): SQL =>
  sql`unnest(ARRAY[${sql.join(
    paths.map((p) => sql`${p}`),
    sql`, `,
  )}]::text[]) AS subtree(path)`;
export const inSubtree = (pathColumn: AnyPgColumn | SQL): SQL =>
  sql`(${pathColumn} ~>=~ subtree.path AND ${pathColumn} ~<~ (subtree.path || chr(1114111)))`;

/** Every action the principal holds somewhere: the web app shows only what these allow. */
export function allowedActions(principal: Principal): Action[] {
  const set = new Set<Action>();
  for (const g of effectiveGrants(principal)) for (const a of grantActions(g.role, g.path !== null)) set.add(a);
  return [...set].sort();
}

import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Principal } from '../../platform/access/principal';
import { covers, escapeLike, scopeOf, scopeSql } from '../../platform/access/scope';

/**
 * Who sees which zones. zones:read is everyone's (internal): a reader sees the zones of every site their scope
 * touches — the sites inside it, and the site their own unit belongs to (a grant on a department below the site).
 * Changes need zones:manage covering the site (a site office for its own site, the security office everywhere).
 */
export function canReadSite(principal: Principal | null, sitePath: string): boolean {
  const scope = scopeOf(principal, 'zones:read');
  if (covers(scope, sitePath)) return true;
  return scope.kind === 'paths' && scope.paths.some((p) => p.startsWith(sitePath));
}

export function readableSql(principal: Principal | null, sitePath: AnyPgColumn | SQL): SQL {
  const scope = scopeOf(principal, 'zones:read');
  if (scope.kind !== 'paths') return scopeSql(scope, sitePath);
  const inside = scope.paths.map((p) => sql`${sitePath} LIKE ${escapeLike(p) + '%'}`);
  const above = scope.paths.map((p) => sql`${p} LIKE ${sitePath} || '%'`);
  return sql`(${sql.join([...inside, ...above], sql` OR `)})`;
}

export const canManageSite = (principal: Principal | null, sitePath: string) =>
  covers(scopeOf(principal, 'zones:manage'), sitePath);
export const canKeepVisitors = (principal: Principal | null, sitePath: string) =>
  covers(scopeOf(principal, 'visitors:manage'), sitePath);

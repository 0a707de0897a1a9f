import type { Action } from '@mamori/contracts';
import { eq, getTableName, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { escapeLike, NO_SCOPE, scopeOf, type Scope } from '../../platform/access/scope';
import { notFound } from '../../platform/errors/app-error';
import type { Ctx } from '../../platform/tx';
import { partners } from './tables';

/**
 * Which partners a principal may reach for an action: all of them, those working with org units in some
 * subtrees (a site office), exactly one (a partner account: its own company), or none.
 */
export type PartnerScope = Scope | { kind: 'partner'; partnerId: string };

export function partnerScope(ctx: Ctx, action: Action): PartnerScope {
  const p = ctx.principal;
  if (!p) return NO_SCOPE;
  if (p.kind === 'partner')
    return p.partnerId && scopeOf(p, action).kind !== 'none' ? { kind: 'partner', partnerId: p.partnerId } : NO_SCOPE;
  return scopeOf(p, action);
}

/**
 * A column with its table name, always. Drizzle leaves columns unqualified in single-table queries; inside a
 * correlated subquery an unqualified "id" would silently mean the subquery's own column.
 */
export const qualified = (c: AnyPgColumn): SQL => sql.raw(`"${getTableName(c.table)}"."${c.name}"`);

/** The scope as a condition on a column holding a partner id: applied inside every query. */
export function partnerScopeSql(scope: PartnerScope, column: AnyPgColumn | SQL): SQL {
  const partnerId = 'table' in column ? qualified(column) : column;
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'partner':
      return sql`${partnerId} = ${scope.partnerId}`;
    case 'paths': {
      const likes = scope.paths.map((p) => sql`ou.path LIKE ${escapeLike(p) + '%'}`);
      return sql`EXISTS (SELECT 1 FROM partner_org_units pou JOIN org_units ou ON ou.id = pou.org_unit_id
        WHERE pou.partner_id = ${partnerId} AND (${sql.join(likes, sql` OR `)}))`;
    }
  }
}

/** The partner, if inside the scope; 404 otherwise (existence is not told). */
export async function loadPartner(db: Db, scope: PartnerScope, id: string) {
  const [row] = await db
    .select()
    .from(partners)
    .where(sql`${eq(partners.id, id)} AND ${partnerScopeSql(scope, partners.id)}`);
  if (!row) throw notFound('The partner');
  return row;
}

/** Audit events of the programme carry no org path: only group-wide readers search them. */
export const auditTarget = (targetType: string, targetId: string) => ({ targetType, targetId, orgPath: null });

import { PERSONAL_ROLES, ROLE_ACTIONS } from '@mamori/contracts';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import type { Principal } from '../../platform/access/principal';
import { covers, effectiveGrants, escapeLike, scopeOf } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { orgUnits, people } from '../org/tables';

/**
 * Who sees which certificates. The company's offices (certifications:manage over the company unit) manage them.
 * Reading is for everyone "in scope": a reader whose role grant reaches into the company (a site office of one
 * of its sites, the CISO group-wide) or whose own unit lies inside the company. An employee's group-wide grant is
 * personal (it reaches one's own records), so it counts only through the person's unit. Partners: nothing.
 */
export interface CertReader {
  everywhere: boolean;
  /** grant paths and the reader's own unit path: a company is readable when one lies inside it or around it */
  paths: string[];
}

export async function readerOf(db: Db, principal: Principal | null): Promise<CertReader> {
  if (!principal || principal.kind !== 'internal') return { everywhere: false, paths: [] };
  const paths: string[] = [];
  let everywhere = false;
  for (const g of effectiveGrants(principal)) {
    if (!ROLE_ACTIONS[g.role].includes('certifications:read') && !ROLE_ACTIONS[g.role].includes('certifications:manage'))
      continue;
    if (PERSONAL_ROLES.includes(g.role)) continue;
    if (g.path === null) everywhere = true;
    else paths.push(g.path);
  }
  const [own] = await db
    .select({ path: orgUnits.path })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(eq(users.id, principal.userId));
  if (own) paths.push(own.path);
  return { everywhere, paths };
}

/** The readers' rule as SQL on the company unit's path column. */
export function readableSql(reader: CertReader, companyPath: AnyPgColumn | SQL): SQL {
  if (reader.everywhere) return sql`true`;
  if (!reader.paths.length) return sql`false`;
  const parts = reader.paths.flatMap((p) => [
    sql`${p} LIKE ${companyPath} || '%'`,
    sql`${companyPath} LIKE ${escapeLike(p) + '%'}`,
  ]);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

export const readable = (reader: CertReader, companyPath: string): boolean =>
  reader.everywhere || reader.paths.some((p) => p.startsWith(companyPath) || companyPath.startsWith(p));

export const canManage = (principal: Principal | null, companyPath: string): boolean =>
  covers(scopeOf(principal, 'certifications:manage'), companyPath);

import { grantActions } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Principal } from '../../../platform/access/principal';
import { effectiveGrants } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { orgUnits, people } from '../../org/tables';

/**
 * The units a requester belongs to, as subtree paths: the unit of their person record, and the units of their
 * unit-scoped roles that let them request. A group-wide role (the CISO's, an office's) does not make every
 * asset of the group theirs to take out.
 */
export async function requesterPaths(db: Db, principal: Principal): Promise<string[]> {
  const paths = new Set<string>();
  for (const g of effectiveGrants(principal))
    if (g.path && grantActions(g.role, true).includes('take-outs:request')) paths.add(g.path);
  const [own] = await db
    .select({ path: orgUnits.path })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(eq(users.id, principal.userId));
  if (own) paths.add(own.path);
  return [...paths];
}

export const within = (paths: readonly string[], path: string) => paths.some((p) => path.startsWith(p));

/** The deepest unit holding every path: '/a/b/c/' and '/a/b/d/' → '/a/b/'. */
export function commonPath(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n++;
  return (
    '/' +
    first
      .slice(0, n)
      .map((s) => s + '/')
      .join('')
  );
}

import { ROLE_ACTIONS, ROLES, type Action } from '@mamori/contracts';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orgUnits } from '../../modules/org/tables';
import { roleAssignments, users } from '../auth/tables';

/** Active users who may perform `action` on a record at `path` (for notifications: who must approve, who must know). */
export async function holdersOf(db: Db, action: Action, path: string | null) {
  const roles = ROLES.filter((r) => ROLE_ACTIONS[r].includes(action));
  const coversPath = path
    ? or(isNull(roleAssignments.orgUnitId), sql`${path} LIKE ${orgUnits.path} || '%'`)
    : isNull(roleAssignments.orgUnitId);
  const rows = await db
    .selectDistinct({ id: users.id, email: users.email, name: users.name, language: users.language })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgUnitId))
    .where(and(inArray(roleAssignments.role, roles), eq(users.status, 'active'), coversPath));
  return rows;
}

/**
 * The holders of `action` nearest above a record at `path`: those whose scope unit is deepest among the
 * units containing it (the head of the reporter's own section before the head of its department).
 * Group-wide holders count only when nobody nearer holds the action.
 */
export async function nearestHoldersOf(db: Db, action: Action, path: string) {
  const roles = ROLES.filter((r) => ROLE_ACTIONS[r].includes(action));
  const rows = await db
    .selectDistinct({ id: users.id, email: users.email, name: users.name, language: users.language, depth: orgUnits.depth })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgUnitId))
    .where(
      and(
        inArray(roleAssignments.role, roles),
        eq(users.status, 'active'),
        or(isNull(roleAssignments.orgUnitId), sql`${path} LIKE ${orgUnits.path} || '%'`),
      ),
    );
  const deepest = Math.max(-1, ...rows.map((r) => r.depth ?? -1));
  return rows.filter((r) => (r.depth ?? -1) === deepest).map(({ depth: _, ...r }) => r);
}

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

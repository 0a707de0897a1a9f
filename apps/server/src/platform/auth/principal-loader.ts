import type { Role } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orgUnits } from '../../modules/org/tables';
import type { Grant, Principal } from '../access/principal';
import { getSettings } from '../settings/service';
import { roleAssignments, users } from './tables';

export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .select({
      id: roleAssignments.id,
      role: roleAssignments.role,
      orgUnitId: roleAssignments.orgUnitId,
      path: orgUnits.path,
      orgUnitName: orgUnits.nameEn,
      orgUnitNameJa: orgUnits.nameJa,
    })
    .from(roleAssignments)
    .leftJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgUnitId))
    .where(eq(roleAssignments.userId, userId));
  return rows.map((r) => ({ ...r, role: r.role as Role, path: r.orgUnitId ? r.path : null }));
}

/** The principal for an active user, or null when the user is unknown or disabled. */
export async function loadPrincipal(
  db: Db,
  userOrId: string | typeof users.$inferSelect,
  via: Principal['via'],
  sessionId: string | null,
): Promise<Principal | null> {
  const user = typeof userOrId === 'string' ? (await db.select().from(users).where(eq(users.id, userOrId)))[0] : userOrId;
  if (!user || user.status !== 'active') return null;
  const userId = user.id;
  const grants = await loadGrants(db, userId);
  const settings = await getSettings(db);
  const mfaEnrollmentRequired = !user.mfaEnabled && grants.some((g) => settings.mfaRequiredRoles.includes(g.role));
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    kind: user.kind,
    partnerId: user.kind === 'partner' ? user.partnerId : null,
    language: user.language,
    mfaEnabled: user.mfaEnabled,
    grants,
    via,
    sessionId,
    mfaEnrollmentRequired,
  };
}

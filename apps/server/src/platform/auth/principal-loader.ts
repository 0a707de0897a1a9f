import type { Role } from '@mamori/contracts';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { orgUnits, people } from '../../modules/org/tables';
import type { Grant, Principal } from '../access/principal';
import { accountUnit, signInRulesFor } from './sign-in-rules';
import { passkeys, roleAssignments, users } from './tables';

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

/**
 * The user's grants as one JSON column, so that the token or session lookup that finds the user brings its
 * grants in the same statement (one round trip per request instead of two). Same rows as `loadGrants`.
 */
export function grantsColumn(userId: AnyPgColumn): SQL<Grant[]> {
  return sql<Grant[]>`coalesce((
    SELECT json_agg(json_build_object('id', ra.id, 'role', ra.role, 'orgUnitId', ra.org_unit_id,
             'path', CASE WHEN ra.org_unit_id IS NULL THEN NULL ELSE ou.path END,
             'orgUnitName', ou.name_en, 'orgUnitNameJa', ou.name_ja))
      FROM ${roleAssignments} ra LEFT JOIN ${orgUnits} ou ON ou.id = ra.org_unit_id
     WHERE ra.user_id = ${userId}), '[]'::json)`;
}

/** Whether the user has a passkey, as a column of the same statement (`hasPasskeyColumn`). */
export const hasPasskeyColumn = (userId: AnyPgColumn): SQL<boolean> =>
  sql<boolean>`exists(SELECT 1 FROM ${passkeys} pk WHERE pk.user_id = ${userId})`;

/** The primary org unit of the account's person, as a column of the same statement (null without a person). */
export const personUnitColumn = (personId: AnyPgColumn): SQL<string | null> =>
  sql<string | null>`(SELECT p.org_unit_id FROM ${people} p WHERE p.id = ${personId})`;

/** A user row found together with its grants (`grantsColumn`). */
export interface UserWithGrants {
  user: typeof users.$inferSelect;
  grants: Grant[];
  /** whether the user has a passkey (a second factor); looked up when absent */
  hasPasskey?: boolean;
  /** the second factor the session was opened with (sessions.mfa) */
  sessionMfa?: 'totp' | 'passkey' | 'idp' | null;
  /** the primary unit of the account's person (`personUnitColumn`); looked up when absent */
  unitId?: string | null;
}

async function userHasPasskey(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1);
  return row !== undefined;
}

/** The principal for an active user, or null when the user is unknown or disabled. */
export async function loadPrincipal(
  db: Db,
  userOrId: string | UserWithGrants,
  via: Principal['via'],
  sessionId: string | null,
): Promise<Principal | null> {
  const user = typeof userOrId === 'string' ? (await db.select().from(users).where(eq(users.id, userOrId)))[0] : userOrId.user;
  if (!user || user.status !== 'active') return null;
  const grants = typeof userOrId === 'string' ? await loadGrants(db, user.id) : userOrId.grants;
  // The roles that need MFA are those of the person's company (stricter than the group's, or the group's).
  const unitId = typeof userOrId === 'string' || userOrId.unitId === undefined ? await accountUnit(db, user.id) : userOrId.unitId;
  const rules = await signInRulesFor(db, unitId);
  // A role that requires MFA is satisfied by TOTP, by a passkey, or by a session whose identity provider did MFA.
  const mfaRequired = grants.some((g) => rules.mfaRequiredRoles.includes(g.role));
  const sessionMfa = typeof userOrId === 'string' ? null : (userOrId.sessionMfa ?? null);
  const mfaEnrollmentRequired =
    mfaRequired &&
    !user.mfaEnabled &&
    sessionMfa !== 'idp' &&
    !(typeof userOrId === 'string' || userOrId.hasPasskey === undefined
      ? await userHasPasskey(db, user.id)
      : userOrId.hasPasskey);
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

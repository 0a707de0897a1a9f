import { EXTERNAL_ROLES, ROLE_ACTIONS, ROLES, type Action, type Role } from '@mamori/contracts';
import { and, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orgUnits } from '../../modules/org/tables';
import { roleAssignments, users } from '../auth/tables';

/**
 * Active accounts holding a role that gives `action`, counted only where the role suits the kind of account
 * (as effectiveGrants does): a partner account given an internal role by mistake is told nothing internal.
 */
function holding(action: Action) {
  const roles = ROLES.filter((r) => ROLE_ACTIONS[r].includes(action));
  const external = roles.filter((r) => EXTERNAL_ROLES.includes(r));
  const internal = roles.filter((r) => !EXTERNAL_ROLES.includes(r));
  const suited = or(
    internal.length ? and(inArray(roleAssignments.role, internal), eq(users.kind, 'internal')) : undefined,
    external.length ? and(inArray(roleAssignments.role, external), eq(users.kind, 'partner')) : undefined,
  );
  return and(eq(users.status, 'active'), suited ?? sql`false`);
}

/** Active users who may perform `action` on a record at `path` (for notifications: who must approve, who must know). */
export async function holdersOf(db: Db, action: Action, path: string | null) {
  const coversPath = path
    ? or(isNull(roleAssignments.orgUnitId), sql`${path} LIKE ${orgUnits.path} || '%'`)
    : isNull(roleAssignments.orgUnitId);
  const rows = await db
    .selectDistinct({ id: users.id, email: users.email, name: users.name, language: users.language })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgUnitId))
    .where(and(holding(action), coversPath));
  return rows;
}

/**
 * The holders of `action` nearest above a record at `path`: those whose scope unit is deepest among the
 * units containing it (the head of the reporter's own section before the head of its department).
 * Group-wide holders count only when nobody nearer holds the action.
 */
export async function nearestHoldersOf(db: Db, action: Action, path: string) {
  const rows = await db
    .selectDistinct({ id: users.id, email: users.email, name: users.name, language: users.language, depth: orgUnits.depth })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgUnitId))
    .where(and(holding(action), or(isNull(roleAssignments.orgUnitId), sql`${path} LIKE ${orgUnits.path} || '%'`)));
  const deepest = Math.max(-1, ...rows.map((r) => r.depth ?? -1));
  return rows.filter((r) => (r.depth ?? -1) === deepest).map(({ depth: _, ...r }) => r);
}

/**
 * Active internal accounts holding `role` with a scope that covers a record at `path` (group-wide assignments
 * included), for the rules that name a role rather than an action: the approvers a class's take-out rule names
 * (org head, site security office, CISO) and the people an inventory campaign reminds. `nearest` keeps only the
 * holders whose scope unit is deepest (the head of the unit itself before the head of its department).
 */
export async function roleHoldersOf(db: Db, role: Role, path: string, opts: { nearest?: boolean; except?: string[] } = {}) {
  const rows = await db
    .selectDistinct({ id: users.id, email: users.email, name: users.name, language: users.language, depth: orgUnits.depth })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgUnitId))
    .where(
      and(
        eq(roleAssignments.role, role),
        eq(users.status, 'active'),
        eq(users.kind, EXTERNAL_ROLES.includes(role) ? 'partner' : 'internal'),
        or(isNull(roleAssignments.orgUnitId), sql`${path} LIKE ${orgUnits.path} || '%'`),
        opts.except?.length ? notInArray(users.id, opts.except) : undefined,
      ),
    );
  const deepest = Math.max(-1, ...rows.map((r) => r.depth ?? -1));
  const kept = opts.nearest ? rows.filter((r) => (r.depth ?? -1) === deepest) : rows;
  // one entry per user (a user may hold the role at two levels)
  const byId = new Map(kept.map(({ depth: _, ...r }) => [r.id, r]));
  return [...byId.values()];
}

/** Whether the account is active and holds `action` in some scope (who may be given work of that kind). */
export async function holdsAction(db: Db, action: Action, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(holding(action), eq(users.id, userId)))
    .limit(1);
  return Boolean(row);
}

/** Active accounts holding `action` in some scope whose name or e-mail contains `q` (a picker of whom to give work). */
export async function searchHolders(db: Db, action: Action, q: string | undefined, limit = 20) {
  const pattern = q ? `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(holding(action), pattern ? or(sql`${users.email} LIKE ${pattern}`, sql`${users.name} ILIKE ${pattern}`) : undefined),
    )
    .orderBy(users.name, users.email)
    .limit(limit);
}

import {
  COMPANY_ROLES,
  EXTERNAL_ROLES,
  GROUP_WIDE_ROLES,
  type CreateScimRoleRuleBody,
  type ScimRoleRule,
} from '@mamori/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { roleAssignments, users } from '../../../platform/auth/tables';
import { conflict, fieldError, invalid, msg, notFound } from '../../../platform/errors/app-error';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { lockAdministrators, refuseIfNoAdminLeft } from '../../accounts/service';
import { unitById } from '../../org/service';
import { identityProviders, ssoGroupMemberships } from '../tables';
import { scimGroupMembers, scimGroups, scimRoleGrants, scimRoleRules } from './tables';

/**
 * Group → role rules: a member of a SCIM group holds the rule's role (in its org unit) for as long as they are a
 * member. A rule of a single sign-on provider reads instead the groups that provider asserted at the person's last
 * sign-in (`sso_group_memberships`). Applied whenever memberships or rules change. Only the assignments a rule
 * granted (`scim_role_grants`) are ever removed: a role an administrator granted by hand stays, even when a rule
 * would give the same one.
 */
const key = (role: string, unit: string | null) => `${role}|${unit ?? ''}`;
const CHUNK = 2000;

/** Brings the SCIM-granted roles of these accounts in line with their groups and the rules. */
export async function applyRoleRules(tx: Db, audit: Audit, userIds: string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += CHUNK) await applyChunk(tx, audit, userIds.slice(i, i + CHUNK));
}

async function applyChunk(tx: Db, audit: Audit, ids: string[]) {
  if (!ids.length) return;
  const fromScim = await tx
    .selectDistinct({ userId: scimGroupMembers.userId, role: scimRoleRules.role, orgUnitId: scimRoleRules.orgUnitId })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .innerJoin(users, and(eq(users.id, scimGroupMembers.userId), eq(users.kind, 'internal')))
    .innerJoin(
      scimRoleRules,
      sql`${scimRoleRules.providerId} IS NULL AND (lower(${scimRoleRules.group}) = lower(${scimGroups.displayName})
          OR ${scimRoleRules.group} = ${scimGroups.id}::text)`,
    )
    .where(inArray(scimGroupMembers.userId, ids));
  const fromSso = await tx
    .selectDistinct({ userId: ssoGroupMemberships.userId, role: scimRoleRules.role, orgUnitId: scimRoleRules.orgUnitId })
    .from(ssoGroupMemberships)
    .innerJoin(users, and(eq(users.id, ssoGroupMemberships.userId), eq(users.kind, 'internal')))
    .innerJoin(
      scimRoleRules,
      sql`${scimRoleRules.providerId} = ${ssoGroupMemberships.providerId}
          AND lower(${scimRoleRules.group}) = lower(${ssoGroupMemberships.group})`,
    )
    .where(inArray(ssoGroupMemberships.userId, ids));
  const wanted = [...fromScim.map((w) => ({ ...w, via: 'scim' })), ...fromSso.map((w) => ({ ...w, via: 'sso' }))];
  const held = await tx
    .select({ a: roleAssignments, scim: scimRoleGrants.assignmentId })
    .from(roleAssignments)
    .leftJoin(scimRoleGrants, eq(scimRoleGrants.assignmentId, roleAssignments.id))
    .where(inArray(roleAssignments.userId, ids));
  const want = new Map<string, Set<string>>();
  for (const w of wanted) want.set(w.userId, (want.get(w.userId) ?? new Set()).add(key(w.role, w.orgUnitId)));
  const has = new Set(held.map((h) => `${h.a.userId}|${key(h.a.role, h.a.orgUnitId)}`));

  const revoke = held.filter((h) => h.scim && !want.get(h.a.userId)?.has(key(h.a.role, h.a.orgUnitId)));
  const admins = revoke.some((r) => r.a.role === 'system_admin') ? await lockAdministrators(tx) : null;
  if (revoke.length) {
    await tx.delete(roleAssignments).where(
      inArray(
        roleAssignments.id,
        revoke.map((r) => r.a.id),
      ),
    );
    await audit.many(
      revoke.map((r) => ({
        action: 'role.remove',
        targetType: 'role_assignment',
        targetId: r.a.id,
        before: { ...r.a, via: 'group-rule' },
      })),
    );
  }
  if (admins !== null) await refuseIfNoAdminLeft(tx, admins);

  const granting = new Map(
    wanted
      .filter((w) => !has.has(`${w.userId}|${key(w.role, w.orgUnitId)}`))
      .map((w) => [`${w.userId}|${key(w.role, w.orgUnitId)}`, w]),
  );
  const grant = [...granting.values()];
  if (!grant.length) return;
  const rows = await tx
    .insert(roleAssignments)
    .values(grant.map((g) => ({ userId: g.userId, role: g.role, orgUnitId: g.orgUnitId })))
    .onConflictDoNothing()
    .returning();
  if (!rows.length) return;
  await tx.insert(scimRoleGrants).values(rows.map((r) => ({ assignmentId: r.id })));
  const viaOf = (r: (typeof rows)[number]) => granting.get(`${r.userId}|${key(r.role, r.orgUnitId)}`)?.via;
  await audit.many(
    rows.map((r) => ({ action: 'role.assign', targetType: 'role_assignment', targetId: r.id, after: { ...r, via: viaOf(r) } })),
  );
}

/** The accounts in groups that a rule's group match names (SCIM groups, or the groups a provider asserted). */
async function membersMatching(tx: Db, group: string, providerId: string | null): Promise<string[]> {
  if (providerId) {
    const asserted = await tx
      .selectDistinct({ userId: ssoGroupMemberships.userId })
      .from(ssoGroupMemberships)
      .where(and(eq(ssoGroupMemberships.providerId, providerId), sql`lower(${ssoGroupMemberships.group}) = lower(${group})`));
    return asserted.map((r) => r.userId);
  }
  const rows = await tx
    .selectDistinct({ userId: scimGroupMembers.userId })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .where(sql`(lower(${scimGroups.displayName}) = lower(${group}) OR ${scimGroups.id}::text = ${group})`);
  return rows.map((r) => r.userId);
}

export async function listRules(db: Db): Promise<ScimRoleRule[]> {
  const rows = await queryRows<{
    id: string;
    providerId: string | null;
    group: string;
    role: ScimRoleRule['role'];
    orgUnitId: string | null;
    nameJa: string | null;
    nameEn: string | null;
    grants: number;
    createdAt: Date | string;
  }>(
    db,
    sql`SELECT r.id, r.provider_id AS "providerId", r.group_match AS "group", r.role, r.org_unit_id AS "orgUnitId", u.name_ja AS "nameJa",
               u.name_en AS "nameEn", r.created_at AS "createdAt",
               (SELECT count(*)::int FROM scim_role_grants sg JOIN role_assignments ra ON ra.id = sg.assignment_id
                 WHERE ra.role = r.role AND ra.org_unit_id IS NOT DISTINCT FROM r.org_unit_id) AS grants
          FROM scim_role_rules r LEFT JOIN org_units u ON u.id = r.org_unit_id
         ORDER BY r.provider_id NULLS FIRST, lower(r.group_match), r.role LIMIT 1000`,
  );
  return rows.map((r) => ({
    id: r.id,
    providerId: r.providerId,
    group: r.group,
    role: r.role,
    orgUnitId: r.orgUnitId,
    orgUnitNameJa: r.nameJa,
    orgUnitNameEn: r.nameEn,
    grants: r.grants,
    createdAt: new Date(r.createdAt).toISOString(),
  }));
}

async function checkRule(db: Db, body: CreateScimRoleRuleBody) {
  if (body.providerId) {
    const [provider] = await db
      .select({ id: identityProviders.id })
      .from(identityProviders)
      .where(eq(identityProviders.id, body.providerId));
    if (!provider) throw invalid([fieldError('body.providerId', 'identity.rule_unknown_provider')]);
  }
  if (EXTERNAL_ROLES.includes(body.role)) throw invalid([fieldError('body.role', 'scim.rule_external_role')]);
  if (GROUP_WIDE_ROLES.includes(body.role) && body.orgUnitId)
    throw invalid([fieldError('body.orgUnitId', 'scim.rule_group_wide', { role: body.role })]);
  if (!body.orgUnitId) return;
  const unit = await unitById(db, body.orgUnitId);
  if (!unit) throw invalid([fieldError('body.orgUnitId', 'scim.rule_unknown_unit')]);
  if (COMPANY_ROLES.includes(body.role) && unit.kind !== 'company')
    throw invalid([fieldError('body.orgUnitId', 'group.role_needs_company', { role: body.role })]);
}

export async function createRule(ctx: Ctx, body: CreateScimRoleRuleBody): Promise<ScimRoleRule> {
  await checkRule(ctx.db, body);
  const id = await inTransaction(ctx, async (tx, audit) => {
    const [dup] = await tx
      .select({ id: scimRoleRules.id })
      .from(scimRoleRules)
      .where(
        and(
          sql`lower(${scimRoleRules.group}) = lower(${body.group})`,
          eq(scimRoleRules.role, body.role),
          body.orgUnitId ? eq(scimRoleRules.orgUnitId, body.orgUnitId) : sql`${scimRoleRules.orgUnitId} IS NULL`,
          body.providerId ? eq(scimRoleRules.providerId, body.providerId) : sql`${scimRoleRules.providerId} IS NULL`,
        ),
      );
    if (dup) throw conflict(msg('scim.rule_exists'), [fieldError('body.group', 'scim.rule_exists')]);
    const [row] = await tx
      .insert(scimRoleRules)
      .values({ ...body, createdBy: ctx.actor.userId })
      .returning();
    await audit({ action: 'scim.role-rule-create', targetType: 'scim_role_rule', targetId: row!.id, after: body });
    await applyRoleRules(tx, audit, await membersMatching(tx, body.group, body.providerId));
    return row!.id;
  });
  return (await listRules(ctx.db)).find((r) => r.id === id)!;
}

export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx.delete(scimRoleRules).where(eq(scimRoleRules.id, id)).returning();
    if (!row) throw notFound();
    await audit({
      action: 'scim.role-rule-delete',
      targetType: 'scim_role_rule',
      targetId: id,
      before: { group: row.group, role: row.role, orgUnitId: row.orgUnitId, providerId: row.providerId },
    });
    await applyRoleRules(tx, audit, await membersMatching(tx, row.group, row.providerId));
  });
}

/**
 * The groups a provider asserted at a sign-in replace those of the person's previous sign-in; the rules of that
 * provider then grant and revoke accordingly (audited `sso.groups` when they changed).
 */
export async function recordSsoGroups(tx: Db, audit: Audit, providerId: string, userId: string, groups: string[]) {
  const asserted = [...new Set(groups.map((g) => g.trim()).filter((g) => g && g.length <= 256))].slice(0, 500);
  const before = (
    await tx
      .delete(ssoGroupMemberships)
      .where(and(eq(ssoGroupMemberships.providerId, providerId), eq(ssoGroupMemberships.userId, userId)))
      .returning({ group: ssoGroupMemberships.group })
  ).map((r) => r.group);
  if (asserted.length) await tx.insert(ssoGroupMemberships).values(asserted.map((group) => ({ providerId, userId, group })));
  if (before.sort().join('\n') !== [...asserted].sort().join('\n'))
    await audit({
      action: 'sso.groups',
      targetType: 'user',
      targetId: userId,
      before: { providerId, groups: before },
      after: { providerId, groups: asserted },
    });
  await applyRoleRules(tx, audit, [userId]);
}

/** Before a provider is deleted: its asserted groups and rules go, and the roles its rules granted with them. */
export async function forgetProviderGroups(tx: Db, audit: Audit, providerId: string) {
  const members = await tx
    .delete(ssoGroupMemberships)
    .where(eq(ssoGroupMemberships.providerId, providerId))
    .returning({ userId: ssoGroupMemberships.userId });
  await tx.delete(scimRoleRules).where(eq(scimRoleRules.providerId, providerId));
  await applyRoleRules(tx, audit, [...new Set(members.map((m) => m.userId))]);
}

/** Whether any group → role rule reads this provider's groups. */
export const providerHasRules = async (db: Db, providerId: string) =>
  (await db.select({ id: scimRoleRules.id }).from(scimRoleRules).where(eq(scimRoleRules.providerId, providerId)).limit(1))
    .length > 0;

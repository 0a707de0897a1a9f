import { createHash } from 'node:crypto';
import type { DemoContext, DemoLoader } from '../../../demo/types';
import { sha256 } from '../../../platform/auth/secrets';
import { DEMO_CODE } from '../../org/demo-data';
import { applyRoleRules } from './role-rules';
import { ENTERPRISE_USER } from './schema';
import { scimGroupMembers, scimGroups, scimRoleRules, scimTokens, scimUsers } from './tables';

/** A stable GUID-like object id, as Entra ID gives its users and groups. */
const objectId = (seed: string) => {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * The demo's provisioning: the group's Entra ID connected through SCIM (its token's value is not kept, as for any
 * token), the demo accounts provisioned from it, two groups, and rules giving the auditors' and the PSIRT's roles.
 * The role holders already have their roles by hand: the rules add no second assignment, and never remove those.
 */
export const scimDemoLoader: DemoLoader = {
  name: 'scim',
  async load(ctx: DemoContext) {
    const company = ctx.units.get(DEMO_CODE);
    if (!company || !ctx.users.length) return [];
    const { tx, audit, now } = ctx;
    await tx.insert(scimTokens).values({
      name: 'Entra ID (本番テナント)',
      prefix: 'mmr_scim_demo00',
      tokenHash: sha256(`demo-scim-token-${now.toISOString()}`),
      createdAt: new Date(now.getTime() - 40 * 86_400_000),
      lastUsedAt: new Date(now.getTime() - 35 * 60_000),
    });
    const provisioned = ctx.users.filter((u) => u.user.kind === 'internal');
    await tx.insert(scimUsers).values(
      provisioned.map(({ user, person }) => ({
        userId: user.id,
        userName: user.email,
        externalId: objectId(`user:${person.employeeNo}`),
        resource: {
          displayName: person.nameJa,
          name: { formatted: person.nameJa },
          emails: [{ value: user.email, type: 'work', primary: true }],
          preferredLanguage: 'ja-JP',
          [ENTERPRISE_USER]: { employeeNumber: person.employeeNo, organization: company.nameJa },
        },
      })),
    );
    const groups = [
      { name: 'SG-Mamori-内部監査員', role: 'auditor' },
      { name: 'SG-Mamori-PSIRT', role: 'psirt_member' },
    ] as const;
    for (const g of groups) {
      const [row] = await tx
        .insert(scimGroups)
        .values({ displayName: g.name, externalId: objectId(`group:${g.name}`) })
        .returning();
      const members = provisioned.filter((u) => u.roles.includes(g.role)).map((u) => u.user.id);
      if (members.length) await tx.insert(scimGroupMembers).values(members.map((userId) => ({ groupId: row!.id, userId })));
      await tx.insert(scimRoleRules).values({ group: g.name, role: g.role, orgUnitId: null });
      await applyRoleRules(tx, audit, members);
    }
    return [`SCIM: ${provisioned.length} accounts provisioned from Entra ID, ${groups.length} groups with role rules`];
  },
};

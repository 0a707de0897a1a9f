import { auditView } from '../modules/auth/users';
import { accountRequests } from '../modules/accounts/tables';
import {
  DEMO_PASSWORD,
  demoAccountRequestReasons,
  demoCompany,
  demoOperatingCompanies,
  demoRoleMembers,
  demoSites,
} from '../modules/org/demo-data';
import { signInRulesSetting } from '../platform/auth/sign-in-rules';
import { mailTemplateSetting } from '../platform/mail/template';
import { roleAssignments, users } from '../platform/auth/tables';
import { companySettingDef, saveCompanySetting } from '../platform/settings/company';
import { daysAgo, type DemoContext, type DemoLoader, type PersonRow } from './types';

const ACCOUNTS = 60;
const INACTIVE = 4;

interface Grant {
  role: string;
  unit: string | null;
}

/** Who gets an account, with which roles: the role holders first, then employees to make up the number. */
function chooseHolders(ctx: DemoContext): Map<PersonRow, Grant[]> {
  const holders = new Map<PersonRow, Grant[]>();
  const eligible = (p: PersonRow) => p.status === 'active' && p.kind === 'employee' && p.email !== null && !holders.has(p);
  const take = (unitCode: string) => {
    const unit = ctx.units.get(unitCode);
    const person = unit && ctx.people.find((p) => p.orgUnitId === unit.id && eligible(p));
    if (!person) throw new Error(`demo data: nobody left in ${unitCode} to hold a role`);
    holders.set(person, []);
    return person;
  };
  const grant = (p: PersonRow, role: string, unit: string | null) => holders.get(p)!.push({ role, unit });
  for (const { role, from, scope } of demoRoleMembers) for (const code of from) grant(take(code), role, scope ?? null);
  for (const site of demoSites) {
    const siteCode = `${demoCompany.code}-${site.code}`;
    grant(take(`${siteCode}-${site.securityOffice}`), 'site_security_office', siteCode);
    for (const dept of site.departments) {
      const deptCode = `${siteCode}-${dept.code}`;
      grant(take(deptCode), 'org_head', deptCode);
      grant(take(`${deptCode}-${dept.sections[0]!.code}`), 'promotion_leader', deptCode);
    }
  }
  // Each operating company (issue #22): its CISO and security office, held for the company; its heads and leaders.
  // They come on top of the holding's accounts: the employees below still make up the holding's number.
  const beforeCompanies = holders.size;
  for (const oc of demoOperatingCompanies) {
    const code = `${demoCompany.code}-${oc.code}`;
    const siteCode = `${code}-${oc.site.code}`;
    grant(take(`${siteCode}-${oc.site.securityOffice}`), 'ciso', code);
    grant(take(`${siteCode}-${oc.site.securityOffice}`), 'security_office', code);
    grant(take(`${siteCode}-${oc.site.securityOffice}`), 'site_security_office', siteCode);
    for (const dept of oc.site.departments) {
      const deptCode = `${siteCode}-${dept.code}`;
      grant(take(deptCode), 'org_head', deptCode);
      grant(take(`${deptCode}-${dept.sections[1]!.code}`), 'promotion_leader', deptCode);
    }
  }
  const limit = ACCOUNTS + (holders.size - beforeCompanies);
  // Employees: two who have left and one moved lately (the ID review shows them), the rest at random.
  const left = ctx.people.filter((p) => p.status === 'left' && p.email);
  const moved = ctx.people.filter((p) => p.status === 'active' && p.changedAt && eligible(p));
  const others = ctx.random.sample(ctx.people.filter(eligible), ACCOUNTS);
  for (const p of [...left.slice(0, 3), ...moved.slice(0, 2), ...others]) {
    if (holders.size >= limit) break;
    if (!holders.has(p)) holders.set(p, [{ role: 'employee', unit: null }]);
  }
  return holders;
}

/** About 60 accounts with the demo password, their roles, and a few pending account requests. */
export const accountsDemoLoader: DemoLoader = {
  name: 'accounts',
  async load(ctx) {
    const holders = chooseHolders(ctx);
    const language = new Map<string, 'ja' | 'en'>([
      ...demoSites.map((s) => [`${demoCompany.code}-${s.code}`, s.language] as const),
      ...demoOperatingCompanies.map((c) => [`${demoCompany.code}-${c.code}`, c.language] as const),
    ]);
    const unitById = new Map([...ctx.units.values()].map((u) => [u.id, u]));
    const siteOf = (p: PersonRow) => unitById.get(p.orgUnitId)!.code.split('-').slice(0, 2).join('-');
    const employeesOnly = [...holders].filter(([p, g]) => g[0]?.role === 'employee' && p.status === 'active');
    const inactive = new Set(employeesOnly.slice(-INACTIVE).map(([p]) => p));
    let disabled = 0;
    for (const [person, grants] of holders) {
      const lang = language.get(siteOf(person)) ?? 'ja';
      const gone = person.status === 'left' && disabled === 0; // one leaver's account already disabled, the others not yet
      if (gone) disabled++;
      const [user] = await ctx.tx
        .insert(users)
        .values({
          email: person.email!,
          name: lang === 'ja' ? person.nameJa : person.nameEn,
          passwordHash: ctx.passwordHash,
          personId: person.id,
          language: lang,
          status: gone ? 'disabled' : 'active',
          disabledReason: gone ? '退職のため無効化 / disabled on leaving' : null,
          lastActiveAt: daysAgo(ctx.now, inactive.has(person) ? 200 : ctx.random.int(0, 20)),
          reviewedAt: daysAgo(ctx.now, 90),
        })
        .returning();
      const orgPath = unitById.get(person.orgUnitId)!.path;
      await ctx.audit({ action: 'user.create', targetType: 'user', targetId: user!.id, orgPath, after: auditView(user!) });
      for (const g of grants) {
        const scope = g.unit ? ctx.units.get(g.unit)! : null;
        const [row] = await ctx.tx
          .insert(roleAssignments)
          .values({ userId: user!.id, role: g.role, orgUnitId: scope?.id ?? null })
          .returning();
        await ctx.audit({
          action: 'role.assign',
          targetType: 'role_assignment',
          targetId: row!.id,
          orgPath: scope?.path ?? null,
          after: row,
        });
      }
      ctx.users.push({ user: user!, person, roles: grants.map((g) => g.role) });
    }

    // Pending requests: promotion leaders asking for accounts for people of their department.
    const leaders = ctx.users.filter((u) => u.roles.includes('promotion_leader'));
    const requests = [];
    for (const [i, reason] of demoAccountRequestReasons.entries()) {
      const leader = leaders[(i * 5) % leaders.length]!;
      const dept = unitById.get(leader.person.orgUnitId)!.path.split('/').slice(0, -2).join('/') + '/';
      const person = ctx.people.find(
        (p) => p.status === 'active' && p.email && !holders.has(p) && unitById.get(p.orgUnitId)!.path.startsWith(dept),
      )!;
      const [row] = await ctx.tx
        .insert(accountRequests)
        .values({
          personId: person.id,
          email: person.email!,
          reason,
          requestedBy: leader.user.id,
          createdAt: daysAgo(ctx.now, i + 1),
        })
        .returning();
      await ctx.audit({
        action: 'account_request.create',
        targetType: 'account_request',
        targetId: row!.id,
        orgPath: unitById.get(person.orgUnitId)!.path,
        after: { id: row!.id, personId: person.id, email: row!.email, reason, status: row!.status },
      });
      requests.push(row);
    }
    // The automotive company's own sign-in rules (issue #22, stricter only; its TISAX assessment asks for them):
    // longer passwords and shorter sessions than the group's. The demo password (18 characters) still passes.
    const auto = ctx.units.get(`${demoCompany.code}-AUTO`);
    const holding = ctx.units.get(demoCompany.code);
    if (auto && holding)
      await saveCompanySetting(
        ctx.tx,
        ctx.audit,
        companySettingDef(signInRulesSetting.key),
        [auto.id, holding.id],
        { passwordMinLength: 16, mfaRequiredRoles: [], sessionIdleMinutes: 30, sessionMaxHours: 10 },
        { by: null, expected: undefined },
      );
    // The solutions company signs its own mails (issue #22, `mail.template`): its office's name as the sender, its
    // own subject prefix and signature; the other companies keep the built-in frame.
    const sol = ctx.units.get(`${demoCompany.code}-SOL`);
    if (sol && holding)
      await saveCompanySetting(
        ctx.tx,
        ctx.audit,
        companySettingDef(mailTemplateSetting.key),
        [sol.id, holding.id],
        {
          senderName: 'Hoshizora Solutions Security Office',
          subjectPrefix: '[Hoshizora Solutions]',
          greeting: { ja: '{{recipientName}} 様', en: 'Dear {{recipientName}},' },
          signature: {
            ja: '{{company}}\n情報セキュリティ事務局（内線 4410 / isms-office@solutions.hoshizora.example）',
            en: '{{company}}\nInformation Security Office (ext. 4410 / isms-office@solutions.hoshizora.example)',
          },
        },
        { by: null, expected: undefined },
      );
    const roles = ctx.users.reduce((n, u) => n + u.roles.length, 0);
    const first = (role: string) => ctx.users.find((u) => u.roles.includes(role))?.user.email;
    return [
      `accounts: ${ctx.users.length} with ${roles} roles (${inactive.size} inactive for 200 days, ${disabled} disabled), password ${DEMO_PASSWORD}`,
      `  sign in as ${first('system_admin')} (system admin), ${first('ciso')} (CISO), ${first('security_office')} (security office)`,
      `account requests: ${requests.length} pending`,
      ...(auto ? ['accounts: Hoshizora Automotive asks for 16-character passwords and ends sessions after 30 idle minutes'] : []),
      ...(sol ? ['mail: Hoshizora Solutions frames its mails with its own sender name, subject prefix and signature'] : []),
    ];
  },
};

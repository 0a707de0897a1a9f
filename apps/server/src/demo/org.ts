import { randomUUID } from 'node:crypto';
import { COMPANY_MODULES } from '@mamori/contracts';
import { demoCompany, demoOperatingCompanies, demoSites, type DemoSite, type DemoUnit } from '../modules/org/demo-data';
import { personAuditView, unitAuditView } from '../modules/org/present';
import { companyProfiles, orgUnits, people } from '../modules/org/tables';
import { daysAgo, type DemoContext, type DemoLoader, type PersonRow, type UnitRow } from './types';
import { personName } from './names';

const KINDS = ['company', 'site', 'department', 'section'] as const;

function buildUnits(now: Date): UnitRow[] {
  const rows: UnitRow[] = [];
  const add = (u: DemoUnit, parent: UnitRow | undefined, kind?: UnitRow['kind']): UnitRow => {
    const id = randomUUID();
    const row: UnitRow = {
      id,
      rowVersion: 1,
      parentId: parent?.id ?? null,
      code: parent ? `${parent.code}-${u.code}` : u.code,
      kind: kind ?? KINDS[parent ? parent.depth + 1 : 0]!,
      nameJa: u.ja,
      nameEn: u.en,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      createdAt: now,
      updatedAt: now,
    };
    rows.push(row);
    return row;
  };
  const company = add(demoCompany, undefined);
  for (const site of demoSites) {
    const s = add(site, company);
    for (const dept of site.departments) {
      const d = add(dept, s);
      for (const section of dept.sections) add(section, d);
    }
  }
  // the operating companies under the holding, each with one site (issue #22)
  for (const oc of demoOperatingCompanies) {
    const c = add(oc, company, 'company');
    const s = add(oc.site, c, 'site');
    for (const dept of oc.site.departments) {
      const d = add(dept, s, 'department');
      for (const section of dept.sections) add(section, d, 'section');
    }
  }
  return rows;
}

/** The site's people: one head per department, the others spread evenly over the sections. */
function buildPeople(
  ctx: DemoContext,
  site: DemoSite,
  units: Map<string, UnitRow>,
  seq: { n: number },
  emails: Set<string>,
  prefix = demoCompany.code,
) {
  const siteCode = `${prefix}-${site.code}`;
  const slots: { unit: UnitRow; head: boolean }[] = [];
  for (const dept of site.departments) slots.push({ unit: units.get(`${siteCode}-${dept.code}`)!, head: true });
  const sections = site.departments.flatMap((d) => d.sections.map((s) => units.get(`${siteCode}-${d.code}-${s.code}`)!));
  for (let i = 0; slots.length < site.headcount; i++) slots.push({ unit: sections[i % sections.length]!, head: false });
  return slots.map(({ unit, head }): PersonRow => {
    const r = ctx.random.next();
    const kind = head || r < 0.84 ? 'employee' : r < 0.95 ? 'contractor' : 'temporary';
    const name = personName(ctx.random, site.names, emails);
    const noPrefix = { employee: 'HS', contractor: 'HC', temporary: 'HT' }[kind];
    seq.n++;
    return {
      id: randomUUID(),
      rowVersion: 1,
      employeeNo: `${noPrefix}${String(10000 + seq.n).padStart(6, '0')}`,
      nameJa: name.ja,
      nameEn: name.en,
      email: kind !== 'employee' && ctx.random.chance(0.25) ? null : name.email,
      kind,
      status: 'active',
      orgUnitId: unit.id,
      changedAt: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
  });
}

/** Org units (company, sites, departments, sections) and about 400 people, some left, some moved lately. */
export const orgDemoLoader: DemoLoader = {
  name: 'org',
  async load(ctx) {
    const units = buildUnits(ctx.now);
    await ctx.tx.insert(orgUnits).values(units);
    for (const u of units) ctx.units.set(u.code, u);
    await ctx.audit.many(
      units.map((u) => ({
        action: 'org_unit.create',
        targetType: 'org_unit',
        targetId: u.id,
        orgPath: u.path,
        after: unitAuditView(u),
      })),
    );

    const seq = { n: 0 };
    const emails = new Set<string>();
    const list = demoSites.flatMap((site) => buildPeople(ctx, site, ctx.units, seq, emails));
    const heads = new Set(units.filter((u) => u.kind === 'department').map((u) => u.id));
    const candidates = list.filter((p) => !heads.has(p.orgUnitId));
    const picked = ctx.random.sample(candidates, 20);
    for (const p of picked.slice(0, 8)) Object.assign(p, { status: 'left', changedAt: daysAgo(ctx.now, ctx.random.int(5, 120)) });
    for (const p of picked.slice(8)) p.changedAt = daysAgo(ctx.now, ctx.random.int(1, 30));
    // the operating companies' people, after the holding's (whose leavers and movers are picked above)
    for (const oc of demoOperatingCompanies)
      list.push(...buildPeople(ctx, oc.site, ctx.units, seq, emails, `${demoCompany.code}-${oc.code}`));
    const byId = new Map(units.map((u) => [u.id, u]));
    for (let i = 0; i < list.length; i += 500) await ctx.tx.insert(people).values(list.slice(i, i + 500));
    ctx.people.push(...list);
    await ctx.audit.many(
      list.map((p) => ({
        action: 'person.create',
        targetType: 'person',
        targetId: p.id,
        orgPath: byId.get(p.orgUnitId)!.path,
        after: personAuditView(p),
      })),
    );

    await loadProfiles(ctx, list);

    const count = (kind: string) => units.filter((u) => u.kind === kind).length;
    const kinds = (k: string) => list.filter((p) => p.kind === k).length;
    return [
      `org units: ${count('company')} companies, ${count('site')} sites, ${count('department')} departments, ${count('section')} sections`,
      `people: ${list.length} (${kinds('employee')} employees, ${kinds('contractor')} contractors, ${kinds('temporary')} temporary; ` +
        `${list.filter((p) => p.status === 'left').length} left, ${picked.length - 8} moved recently)`,
    ];
  },
};

/**
 * The companies' ISMS profiles: the holding's CISO is the group CISO's person, each operating company's the first
 * employee (with an e-mail) of its security office section, the person the accounts loader makes its CISO.
 */
async function loadProfiles(ctx: DemoContext, list: PersonRow[]) {
  const first = (unitCode: string, nth = 0) => {
    const unit = ctx.units.get(unitCode)!;
    return list.filter((p) => p.orgUnitId === unit.id && p.status === 'active' && p.kind === 'employee' && p.email !== null)[
      nth
    ]!;
  };
  const holding = ctx.units.get(demoCompany.code)!;
  const rows: (typeof companyProfiles.$inferInsert)[] = [
    {
      unitId: holding.id,
      cisoPersonId: first(`${demoCompany.code}-OSK-CPD-STR`).id,
      // the privacy officer: the second of the legal section (its first is an auditor)
      cpoPersonId: first(`${demoCompany.code}-OSK-GAD-LEG`, 1).id,
      securityOfficeUnitId: ctx.units.get(`${demoCompany.code}-OSK-ISD`)!.id,
      publicNameJa: demoCompany.ja,
      publicNameEn: demoCompany.en,
      psirtContact: 'psirt@hoshizora.example',
      privacyWindow: 'privacy@hoshizora.example',
      modules: [...COMPANY_MODULES], // the holding uses every module
    },
  ];
  for (const oc of demoOperatingCompanies) {
    const code = `${demoCompany.code}-${oc.code}`;
    const office = `${code}-${oc.site.code}-${oc.site.securityOffice}`;
    const ciso = first(office);
    rows.push({
      unitId: ctx.units.get(code)!.id,
      cisoPersonId: ciso.id,
      // the CISO is also the CPO, as in many operating companies
      cpoPersonId: ciso.id,
      securityOfficeUnitId: ctx.units.get(office)!.id,
      fiscalYearStartMonth: oc.fiscalYearStartMonth,
      defaultLanguage: oc.language,
      timeZone: oc.timeZone,
      publicNameJa: oc.ja,
      publicNameEn: oc.en,
      psirtContact: oc.psirtContact,
      privacyWindow: oc.privacyWindow,
      modules: oc.modules,
    });
  }
  const inserted = await ctx.tx.insert(companyProfiles).values(rows).returning();
  await ctx.audit.many(
    inserted.map((p) => ({
      action: 'company_profile.update',
      targetType: 'company',
      targetId: p.unitId,
      orgPath: null,
      after: p,
    })),
  );
}

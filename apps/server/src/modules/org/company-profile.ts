import { COMPANY_MODULES, type CompanyModule, type CompanyProfileBody } from '@mamori/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { covers, scopeOf, type Scope } from '../../platform/access/scope';
import { fieldError, invalid, notFound, type FieldError } from '../../platform/errors/app-error';
import { lockName } from '../../platform/records/lock';
import { checkVersion, type Precondition } from '../../platform/records/version';
import { ownSettingCounts } from '../../platform/settings/company';
import { inTransaction, type Ctx } from '../../platform/tx';
import { companiesIn, companyById, type CompanyRow } from './companies';
import { companyProfiles, orgUnits, people } from './tables';

type ProfileRow = typeof companyProfiles.$inferSelect;

/** The profile of a company nobody has saved yet: April fiscal year, Japanese, Tokyo, every module. */
const DEFAULTS = {
  rowVersion: 0,
  cisoPersonId: null,
  cpoPersonId: null,
  securityOfficeUnitId: null,
  fiscalYearStartMonth: 4,
  defaultLanguage: 'ja' as const,
  timeZone: 'Asia/Tokyo',
  publicNameJa: '',
  publicNameEn: '',
  psirtContact: '',
  privacyWindow: '',
  modules: [...COMPANY_MODULES] as string[],
  updatedAt: null as Date | null,
};

const modulesOf = (m: string[]) => m.filter((x): x is CompanyModule => (COMPANY_MODULES as readonly string[]).includes(x));

/** The company if the principal may `action` it (its unit inside the scope); 404 otherwise, for a sister company too. */
export async function loadCompany(db: Db, scope: Scope, unitId: string): Promise<CompanyRow> {
  const company = await companyById(db, unitId);
  if (!company || !covers(scope, company.path)) throw notFound('The company');
  return company;
}

async function names(db: Db, personIds: (string | null)[], unitIds: (string | null)[]) {
  const pids = personIds.filter((x): x is string => !!x);
  const uids = unitIds.filter((x): x is string => !!x);
  const ps = pids.length
    ? await db
        .select({ id: people.id, nameJa: people.nameJa, nameEn: people.nameEn })
        .from(people)
        .where(inArray(people.id, pids))
    : [];
  const us = uids.length
    ? await db
        .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
        .from(orgUnits)
        .where(inArray(orgUnits.id, uids))
    : [];
  return { person: new Map(ps.map((p) => [p.id, p])), unit: new Map(us.map((u) => [u.id, u])) };
}

async function present(db: Db, company: CompanyRow, row: ProfileRow | undefined) {
  const p = row ?? DEFAULTS;
  const n = await names(db, [p.cisoPersonId, p.cpoPersonId], [p.securityOfficeUnitId, company.parentCompanyId]);
  return {
    unitId: company.id,
    code: company.code,
    nameJa: company.nameJa,
    nameEn: company.nameEn,
    parentCompany: company.parentCompanyId ? (n.unit.get(company.parentCompanyId) ?? null) : null,
    rowVersion: p.rowVersion,
    ciso: p.cisoPersonId ? (n.person.get(p.cisoPersonId) ?? null) : null,
    cpo: p.cpoPersonId ? (n.person.get(p.cpoPersonId) ?? null) : null,
    securityOffice: p.securityOfficeUnitId ? (n.unit.get(p.securityOfficeUnitId) ?? null) : null,
    fiscalYearStartMonth: p.fiscalYearStartMonth,
    defaultLanguage: p.defaultLanguage,
    timeZone: p.timeZone,
    publicNameJa: p.publicNameJa,
    publicNameEn: p.publicNameEn,
    psirtContact: p.psirtContact,
    privacyWindow: p.privacyWindow,
    modules: modulesOf(p.modules),
    updatedAt: p.updatedAt?.toISOString() ?? null,
  };
}

export async function getCompanyProfile(ctx: Ctx, unitId: string) {
  const company = await loadCompany(ctx.db, scopeOf(ctx.principal, 'companies:read'), unitId);
  const [row] = await ctx.db.select().from(companyProfiles).where(eq(companyProfiles.unitId, unitId));
  return present(ctx.db, company, row);
}

/** People and units named in a profile must belong to the company (its subtree): each one outside is named. */
async function checkInside(db: Db, company: CompanyRow, body: CompanyProfileBody) {
  const errors: FieldError[] = [];
  const inside = sql`(SELECT path FROM org_units WHERE id = p.org_unit_id) LIKE ${company.path + '%'}`;
  for (const field of ['cisoPersonId', 'cpoPersonId'] as const) {
    const id = body[field];
    if (!id) continue;
    const [ok] = await queryRows(db, sql`SELECT 1 FROM people p WHERE p.id = ${id}::uuid AND p.status = 'active' AND ${inside}`);
    if (!ok) errors.push(fieldError(`body.${field}`, 'group.person_unknown'));
  }
  if (body.securityOfficeUnitId) {
    const [ok] = await queryRows(
      db,
      sql`SELECT 1 FROM org_units WHERE id = ${body.securityOfficeUnitId}::uuid AND path LIKE ${company.path + '%'}`,
    );
    if (!ok) errors.push(fieldError('body.securityOfficeUnitId', 'group.unit_outside_company'));
  }
  if (errors.length) throw invalid(errors);
}

/**
 * Saves a company's profile (If-Match: the rowVersion read, 0 before the first save; 412 when someone saved
 * meanwhile). A holding's security office manages every company, a company's only its own (and its affiliates).
 */
export function saveCompanyProfile(ctx: Ctx, unitId: string, body: CompanyProfileBody, expected: Precondition) {
  const scope = scopeOf(ctx.principal, 'companies:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const company = await loadCompany(tx, scope, unitId);
    await lockName(tx, `company-profile:${unitId}`, 'exclusive');
    const [before] = await tx.select().from(companyProfiles).where(eq(companyProfiles.unitId, unitId));
    checkVersion(before?.rowVersion ?? 0, expected);
    await checkInside(tx, company, body);
    const values = { ...body, modules: [...new Set(body.modules)], updatedBy: ctx.actor.userId, updatedAt: new Date() };
    const [after] = await tx
      .insert(companyProfiles)
      .values({ unitId, ...values })
      .onConflictDoUpdate({ target: companyProfiles.unitId, set: values })
      .returning();
    await audit({
      action: 'company_profile.update',
      targetType: 'company',
      targetId: unitId,
      orgPath: company.path,
      before: before ?? null,
      after: after!,
    });
    return present(tx, company, after);
  });
}

/** Every company the reader may see, top down, with its key figures side by side (the group overview). */
export async function listCompanies(ctx: Ctx) {
  const companies = await companiesIn(ctx.db, scopeOf(ctx.principal, 'companies:read'));
  if (!companies.length) return { items: [] };
  const ids = companies.map((c) => c.id);
  const profiles = new Map(
    (await ctx.db.select().from(companyProfiles).where(inArray(companyProfiles.unitId, ids))).map((p) => [p.unitId, p]),
  );
  const figures = new Map(
    (
      await queryRows<{ id: string; units: number; people: number; affiliates: number }>(
        ctx.db,
        sql`SELECT c.id::text AS id,
              (SELECT count(*) FROM org_units u WHERE u.path LIKE c.path || '%')::int AS units,
              (SELECT count(*) FROM people p JOIN org_units u ON u.id = p.org_unit_id
                WHERE u.path LIKE c.path || '%' AND p.status = 'active')::int AS people,
              (SELECT count(*) FROM org_units u WHERE u.kind = 'company' AND u.id <> c.id AND u.path LIKE c.path || '%')::int AS affiliates
            FROM org_units c WHERE c.id IN (${sql.join(
              ids.map((i) => sql`${i}::uuid`),
              sql`, `,
            )})`,
      )
    ).map((r) => [r.id, r]),
  );
  const overrides = await ownSettingCounts(ctx.db, ids);
  const all = [...profiles.values()];
  const n = await names(
    ctx.db,
    all.flatMap((p) => [p.cisoPersonId, p.cpoPersonId]),
    [],
  );
  return {
    items: companies.map((c) => {
      const p = profiles.get(c.id) ?? DEFAULTS;
      const f = figures.get(c.id);
      return {
        unitId: c.id,
        code: c.code,
        nameJa: c.nameJa,
        nameEn: c.nameEn,
        parentCompanyId: c.parentCompanyId,
        depth: c.depth,
        ciso: p.cisoPersonId ? (n.person.get(p.cisoPersonId) ?? null) : null,
        cpo: p.cpoPersonId ? (n.person.get(p.cpoPersonId) ?? null) : null,
        fiscalYearStartMonth: p.fiscalYearStartMonth,
        modules: modulesOf(p.modules),
        figures: {
          units: f?.units ?? 0,
          people: f?.people ?? 0,
          affiliates: f?.affiliates ?? 0,
          settingOverrides: overrides.get(c.id) ?? 0,
        },
      };
    }),
  };
}

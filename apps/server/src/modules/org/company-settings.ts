import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { scopeOf } from '../../platform/access/scope';
import type { Precondition } from '../../platform/records/version';
import {
  companySettingDef,
  companySettings,
  saveCompanySetting,
  settingReach,
  type CompanySettingDef,
} from '../../platform/settings/company';
import { inTransaction, type Ctx } from '../../platform/tx';
import { companiesAbove, companiesIn, type CompanyRow } from './companies';
import { loadCompany } from './company-profile';
import { orgUnits } from './tables';

/**
 * A company's settings as the security office sees them (issue #22): each setting's effective value and where it
 * comes from, the company's own changes (stricter only where the rule says so), and for a group setting the
 * companies a change reaches.
 */

const chainOf = async (db: Db, company: CompanyRow) => [company.id, ...(await companiesAbove(db, company)).map((c) => c.id)];

async function unitRefs(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const rows = wanted.length
    ? await db
        .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
        .from(orgUnits)
        .where(inArray(orgUnits.id, wanted))
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

const view = (def: CompanySettingDef<unknown>) => ({
  key: def.setting.key,
  titleJa: def.title.ja,
  titleEn: def.title.en,
  stricterOnly: !!def.stricter,
});

export async function getCompanySettings(ctx: Ctx, unitId: string) {
  const company = await loadCompany(ctx.db, scopeOf(ctx.principal, 'companies:read'), unitId);
  const items = await companySettings(ctx.db, await chainOf(ctx.db, company));
  const refs = await unitRefs(
    ctx.db,
    items.map((i) => i.effective.companyId),
  );
  return {
    items: items.map((i) => ({
      ...view(i.def),
      value: i.effective.value,
      source: i.effective.source,
      sourceCompany: i.effective.companyId ? (refs.get(i.effective.companyId) ?? null) : null,
      ownVersion: i.ownVersion,
      inherited: i.inherited.value,
      inheritedSource: i.inherited.source,
    })),
  };
}

/** Saves the company's own value of one setting; answers the company's settings list entry for it. */
export async function putCompanySetting(ctx: Ctx, unitId: string, key: string, value: unknown, expected: Precondition) {
  const def = companySettingDef(key);
  const scope = scopeOf(ctx.principal, 'companies:manage');
  await inTransaction(ctx, async (tx, audit) => {
    const company = await loadCompany(tx, scope, unitId);
    await saveCompanySetting(tx, audit, def, await chainOf(tx, company), value, { by: ctx.actor.userId, expected });
  });
  const all = await getCompanySettings(ctx, unitId);
  return all.items.find((i) => i.key === key)!;
}

/** For a setting, every company in the reader's scope: reached by a change of the group's value, or not (and why). */
export async function getSettingReach(ctx: Ctx, key: string) {
  const def = companySettingDef(key);
  const companies = await companiesIn(ctx.db, scopeOf(ctx.principal, 'companies:read'));
  const { groupVersion, reach } = await settingReach(ctx.db, def, companies);
  const refs = await unitRefs(
    ctx.db,
    [...reach.values()].map((r) => r.overriddenBy),
  );
  return {
    ...view(def),
    groupVersion,
    companies: companies.map((c) => {
      const r = reach.get(c.id)!;
      return {
        unitId: c.id,
        nameJa: c.nameJa,
        nameEn: c.nameEn,
        depth: c.depth,
        reached: r.overriddenBy === null,
        overriddenBy: r.overriddenBy ? (refs.get(r.overriddenBy) ?? null) : null,
        looserThanGroup: r.looserThanGroup,
      };
    }),
  };
}

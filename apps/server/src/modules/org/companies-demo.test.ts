import type { CompanyList, EffectiveCompanySettings, SettingReach } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAssignments } from '../../platform/auth/tables';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';
import { orgUnits } from './tables';

let t: TestApp;
beforeAll(async () => {
  t = await createDemoTestApp();
}, 300_000);
afterAll(() => t.close());

describe('the demo group', () => {
  it('is a holding with three operating companies, each with a CISO, people and a stricter scheme of its own', async () => {
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const list = json<CompanyList>(await as(t.app, office).get('/api/companies'));
    expect(list.items.map((c) => c.code)).toEqual(['DEMO', 'DEMO-APAC', 'DEMO-AUTO', 'DEMO-SOL']);
    for (const c of list.items) {
      expect(c.ciso).not.toBeNull();
      expect(c.figures.people).toBeGreaterThan(10);
    }
    // each its own classification scheme; the automotive company also its own plan reminder and sign-in rules
    expect(Object.fromEntries(list.items.slice(1).map((c) => [c.code, c.figures.settingOverrides]))).toEqual({
      'DEMO-APAC': 1,
      'DEMO-AUTO': 3,
      'DEMO-SOL': 2,
    });
    const reach = json<SettingReach>(await as(t.app, office).get('/api/company-settings/assets.classification/reach'));
    expect(reach.companies.filter((c) => c.reached).map((c) => c.nameEn)).toEqual(['Hoshizora Industries Co., Ltd.']);
    const auto = list.items.find((c) => c.code === 'DEMO-AUTO')!;
    const settings = json<EffectiveCompanySettings>(await as(t.app, office).get(`/api/companies/${auto.unitId}/settings`));
    expect(settings.items.find((s) => s.key === 'assets.classification')).toMatchObject({ source: 'company', ownVersion: 1 });
    expect(settings.items.find((s) => s.key === 'auth.signInRules')).toMatchObject({
      source: 'company',
      value: { passwordMinLength: 16, sessionIdleMinutes: 30, sessionMaxHours: 10 },
    });
    const sol = list.items.find((c) => c.code === 'DEMO-SOL')!;
    const solSettings = json<EffectiveCompanySettings>(await as(t.app, office).get(`/api/companies/${sol.unitId}/settings`));
    expect(solSettings.items.find((s) => s.key === 'mail.template')).toMatchObject({
      source: 'company',
      value: { subjectPrefix: '[Hoshizora Solutions]' },
    });
    // existing units keep their codes (other modules' demo data lands on them)
    const [osk] = await t.database.db.select().from(orgUnits).where(eq(orgUnits.code, 'DEMO-OSK'));
    expect(osk?.kind).toBe('site');
  });

  it('gives each operating company a CISO and a security office account held for the company only', async () => {
    const grants = await t.database.db
      .select({ role: roleAssignments.role, code: orgUnits.code })
      .from(roleAssignments)
      .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgUnitId));
    for (const code of ['DEMO-AUTO', 'DEMO-SOL', 'DEMO-APAC'])
      expect(
        grants
          .filter((g) => g.code === code)
          .map((g) => g.role)
          .sort(),
      ).toEqual(['ciso', 'security_office']);
  });
});

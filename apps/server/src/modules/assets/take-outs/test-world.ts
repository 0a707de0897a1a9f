import { partners } from '../../partners/tables';
import { orgUnits, people } from '../../org/tables';
import { systemActor } from '../../../platform/audit/record';
import { saveSetting } from '../../../platform/settings/effective';
import { inTransaction } from '../../../platform/tx';
import { classificationSetting } from '../classification/settings';
import { takeOutTestScheme } from './test-scheme';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { assets } from '../tables';

/**
 * A small group for the take-out and inventory tests: company G with sites A and B; department A1 (two org heads,
 * an employee, a section S1 with its own head) in site A, department B1 in site B. Assets of every default class
 * in A1, one in B1. Offices for each site and the group, the CISO, and a partner account.
 */
export interface AssetWorld {
  t: TestApp;
  units: { group: string; siteA: string; deptA: string; secA: string; siteB: string; deptB: string };
  office: TestUser;
  officeA: TestUser;
  officeB: TestUser;
  headA: TestUser;
  headA2: TestUser;
  headSec: TestUser;
  headB: TestUser;
  ciso: TestUser;
  employee: TestUser;
  employeeB: TestUser;
  partner: TestUser;
  asset: { public: string; internal: string; confidential: string; strict: string; internalB: string };
}

const unit = (parentId: string | null, code: string, kind: string) => ({
  parentId,
  code,
  kind,
  nameJa: `組織 ${code}`,
  nameEn: `Unit ${code}`,
});

export async function assetWorld(): Promise<AssetWorld> {
  const t = await createTestApp();
  const db = t.database.db;
  await inTransaction({ db, actor: systemActor('test'), principal: null }, (tx, audit) =>
    saveSetting(tx, audit, classificationSetting, takeOutTestScheme(), { by: null }),
  );
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const post = async (body: unknown) => json<{ id: string }>(await as(t.app, office).post('/api/org-units', body)).id;
  const group = await post(unit(null, 'G', 'company'));
  const siteA = await post(unit(group, 'SA', 'site'));
  const siteB = await post(unit(group, 'SB', 'site'));
  const deptA = await post(unit(siteA, 'SA-D1', 'department'));
  const secA = await post(unit(deptA, 'SA-D1-S1', 'section'));
  const deptB = await post(unit(siteB, 'SB-D1', 'department'));
  const person = async (no: string, orgUnitId: string) => {
    const [p] = await db
      .insert(people)
      .values({ employeeNo: no, nameJa: `山田 ${no}`, nameEn: `Taro Yamada ${no}`, kind: 'employee', orgUnitId })
      .returning();
    return p!.id;
  };
  const owner = await person('OWN1', deptA);
  const paths = new Map<string, string>();
  for (const u of await db.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits)) paths.set(u.id, u.path);
  const asset = async (name: string, classCode: string, unitId: string) => {
    const [a] = await db
      .insert(assets)
      .values({
        unitId,
        unitPath: paths.get(unitId)!,
        name,
        kind: 'electronic',
        ownerId: owner,
        classCode,
        confidentiality: 2,
        integrity: 2,
        availability: 2,
      })
      .returning({ id: assets.id });
    return a!.id;
  };
  const [company] = await db
    .insert(partners)
    .values({ nameJa: '取引先', nameEn: 'Partner', country: 'JP', tier: 'low' })
    .returning();
  return {
    t,
    units: { group, siteA, deptA, secA, siteB, deptB },
    office,
    officeA: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]),
    officeB: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteB }]),
    headA: await createUser(t.database, [{ role: 'org_head', orgUnitId: deptA }]),
    headA2: await createUser(t.database, [{ role: 'org_head', orgUnitId: deptA }]),
    headSec: await createUser(t.database, [{ role: 'org_head', orgUnitId: secA }]),
    headB: await createUser(t.database, [{ role: 'org_head', orgUnitId: deptB }]),
    ciso: await createUser(t.database, [{ role: 'ciso' }]),
    employee: await createUser(t.database, [{ role: 'employee', orgUnitId: deptA }], { personId: await person('E1', deptA) }),
    employeeB: await createUser(t.database, [{ role: 'employee', orgUnitId: deptB }], { personId: await person('E2', deptB) }),
    partner: await createUser(t.database, [{ role: 'partner_user' }], { partnerId: company!.id }),
    asset: {
      public: await asset('Product catalogue 2026', 'public', deptA),
      internal: await asset('Sales meeting minutes', 'internal', deptA),
      confidential: await asset('Customer list (Kansai)', 'confidential', deptA),
      strict: await asset('Merger plan', 'strictly_confidential', deptA),
      internalB: await asset('Line B work instructions', 'internal', deptB),
    },
  };
}

const day = (offset: number) => new Date(Date.now() + 9 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
export const dayFromToday = day;

export const takeOutBody = (assetIds: string[], over: Record<string, unknown> = {}) => ({
  items: assetIds.map((assetId) => ({ assetId })),
  purpose: 'Customer visit: explain the new line',
  destination: 'Aozora Bank, Umeda branch',
  periodFrom: day(1),
  periodTo: day(2),
  medium: 'laptop',
  encrypted: true,
  encryptionMethod: 'BitLocker',
  ...over,
});

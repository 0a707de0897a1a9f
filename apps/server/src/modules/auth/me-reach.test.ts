import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../org/tables';
import { makePartner } from '../partners/testing';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

let t: TestApp;
let office: TestUser;
let siteUnit: string;
type Me = { roles: { role: string; reach: Record<string, string> }[] };
const reach = async (u: TestUser) => json<Me>(await as(t.app, u).get('/api/me')).roles.map((r) => [r.role, r.reach]);

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({
    parentId,
    code,
    kind,
    nameJa: `組織 ${code}`,
    nameEn: `Unit ${code}`,
  });
  const group = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company'))).id;
  siteUnit = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(group, 'S', 'site'))).id;
});
afterAll(() => t.close());

describe("the scope a signed-in user's roles reach, as the home page tells it", () => {
  it('names the own unit of an employee, not the whole group', async () => {
    const [person] = await t.database.db
      .insert(people)
      .values({ employeeNo: 'E1', nameJa: '山田 太郎', nameEn: 'Taro Yamada', kind: 'employee', orgUnitId: siteUnit })
      .returning();
    const employee = await createUser(t.database, [{ role: 'employee' }], { personId: person!.id });
    expect(await reach(employee)).toEqual([['employee', { kind: 'own_unit', nameJa: '組織 S', nameEn: 'Unit S' }]]);
  });

  it('tells an account its own person record (records name people: the web app knows which are the reader)', async () => {
    const [person] = await t.database.db
      .insert(people)
      .values({ employeeNo: 'E2', nameJa: '山田 花子', nameEn: 'Hanako Yamada', kind: 'employee', orgUnitId: siteUnit })
      .returning();
    const employee = await createUser(t.database, [{ role: 'employee' }], { personId: person!.id });
    expect(json<{ user: { personId: string | null } }>(await as(t.app, employee).get('/api/me')).user.personId).toBe(person!.id);
    expect(json<{ user: { personId: string | null } }>(await as(t.app, office).get('/api/me')).user.personId).toBeNull();
  });

  it('names the own company of a partner account', async () => {
    const partner = await makePartner(t.app, office, 'P');
    const user = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: partner.id });
    expect(await reach(user)).toEqual([['partner_user', { kind: 'own_company', nameJa: '取引先 P', nameEn: 'Partner P' }]]);
  });

  it('keeps a unit grant its unit and a group-wide office the whole group', async () => {
    const siteOffice = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteUnit }]);
    expect(await reach(siteOffice)).toEqual([['site_security_office', { kind: 'unit', nameJa: '組織 S', nameEn: 'Unit S' }]]);
    expect(await reach(office)).toEqual([['security_office', { kind: 'group' }]]);
  });
});

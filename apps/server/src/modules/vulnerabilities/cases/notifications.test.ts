import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { ids, recipientsOf } from '../../../test/notifications';

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirtA: TestUser;
let ciso: TestUser;
let employee: TestUser;

const report = {
  title: 'Stored XSS in the camera admin page',
  description: 'The device name is not escaped',
  productName: 'NetCam 200',
  productVersion: '2.1',
  language: 'en',
};

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  const g = json<{ id: string }>(
    await as(t.app, office).post('/api/org-units', { parentId: null, code: 'G', kind: 'company', nameJa: 'G', nameEn: 'G' }),
  );
  psirtA = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: g.id }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: g.id }]);
});
afterAll(() => t.close());

describe('vulnerability report notifications', () => {
  it('tell the group-wide PSIRT of a public report, not a divisional member, the CISO or an employee', async () => {
    expect((await as(t.app, null).post('/api/vulnerability-reports', report)).statusCode).toBe(202);
    expect(await recipientsOf(t.database.db, 'vulnerability.reported')).toEqual(ids(office, psirt));
    const [item] = json<{ items: { link: string; params: Record<string, unknown> }[] }>(
      await as(t.app, psirt).get('/api/notifications'),
    ).items;
    expect(item!.params).toEqual({ number: expect.any(Number), title: report.title, product: 'NetCam 200 2.1' });
    expect(item!.link).toMatch(/^\/vulnerabilities\/[0-9a-f-]{36}$/);
    for (const outsider of [psirtA, ciso, employee])
      expect(json<{ items: unknown[] }>(await as(t.app, outsider).get('/api/notifications')).items).toEqual([]);
  });

  it('tell nobody of a report caught by the honeypot', async () => {
    await as(t.app, null).post('/api/vulnerability-reports', { ...report, website: 'http://spam.example' });
    expect(await recipientsOf(t.database.db, 'vulnerability.reported')).toHaveLength(2);
  });
});

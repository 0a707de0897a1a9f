import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { makePartner, partnerBody } from './testing';

let t: TestApp;
let office: TestUser;
let ciso: TestUser;
let user: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  const p = await makePartner(t.app, office, 'P');
  user = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: p.id });
});
afterAll(() => t.close());

describe('the partner dashboard', () => {
  const lists = [
    '/api/partner-dashboard',
    '/api/partner-assessments/export.xlsx?overdue=true',
    '/api/improvement-requests/export.xlsx',
    '/api/partner-subcontractors/export.xlsx?status=pending_notice',
  ];

  it('is read by the CISO, with the lists behind its figures, and changes nothing', async () => {
    for (const url of lists) expect([url, (await as(t.app, ciso).get(url)).statusCode]).toEqual([url, 200]);
    expect(json<{ partners: number }>(await as(t.app, ciso).get('/api/partner-dashboard')).partners).toBe(1);
    expect((await as(t.app, ciso).post('/api/partners', partnerBody('C'))).statusCode).toBe(403);
  });

  it('is refused to a partner account', async () => {
    for (const url of lists) expect([url, (await as(t.app, user).get(url)).statusCode]).toEqual([url, 403]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePartner } from '../partners/testing';
import { as, createUser, json, type TestUser } from '../../test/app';
import { incidentWorld, lostLaptop, type IncidentWorld } from './test-world';

let w: IncidentWorld;
let id: string;
let csirt: TestUser;
let partnerUser: TestUser;
type Candidates = { items: { id: string; name: string; email: string }[] };
const candidates = (user: TestUser, q = '') =>
  as(w.t.app, user).get(`/api/incidents/${id}/member-candidates${q ? `?q=${encodeURIComponent(q)}` : ''}`);

beforeAll(async () => {
  w = await incidentWorld();
  csirt = await createUser(w.t.database, [{ role: 'csirt_member' }]);
  const partner = await makePartner(w.t.app, w.office, 'P', { orgUnitIds: [w.units.deptA] });
  partnerUser = await createUser(w.t.database, [{ role: 'partner_user' }], { partnerId: partner.id });
  id = json<{ id: string }>(await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop())).id;
});
afterAll(() => w.t.close());

describe('staffing a case', () => {
  it('lets a CSIRT member, who may not read the account register, pick and add a member', async () => {
    expect((await as(w.t.app, csirt).get('/api/accounts?q=user')).statusCode).toBe(403);
    const res = await candidates(csirt, w.helper.email);
    expect(res.statusCode).toBe(200);
    const found = json<Candidates>(res).items;
    expect(found.map((c) => c.id)).toEqual([w.helper.id]);
    const added = await as(w.t.app, csirt).post(`/api/incidents/${id}/members`, { userId: w.helper.id, note: 'forensics' });
    expect(added.statusCode).toBe(201);
  });

  it('offers active internal accounts only, never a partner account', async () => {
    const ids = json<Candidates>(await candidates(w.office)).items.map((c) => c.id);
    expect(ids).toContain(w.colleague.id);
    expect(ids).not.toContain(partnerUser.id);
  });

  it('refuses those who may not manage the case: reporter 403, out-of-scope office and partner 404 or 403', async () => {
    expect((await candidates(w.reporter)).statusCode).toBe(403);
    expect((await candidates(w.officeB)).statusCode).toBe(404);
    expect((await candidates(w.auditor)).statusCode).toBe(403);
    const partner = await candidates(partnerUser);
    expect([403, 404]).toContain(partner.statusCode);
    expect(partner.body).not.toContain(w.colleague.email);
  });

  it("records the addition as a coded timeline entry and refuses a second one in the reader's language", async () => {
    const timeline = json<{ kind: string; data: { message?: { code: string } } | null }[]>(
      await as(w.t.app, csirt).get(`/api/incidents/${id}/timeline`),
    );
    const codes = timeline.map(
      (e) => e.data?.message?.code ?? (e.data as { messages?: { code: string }[] } | null)?.messages?.[0]?.code,
    );
    expect(codes).toEqual(expect.arrayContaining(['timeline.member_added', 'timeline.clock_started']));
    const again = await as(w.t.app, csirt).post(
      `/api/incidents/${id}/members`,
      { userId: w.helper.id },
      { 'accept-language': 'ja' },
    );
    expect(again.statusCode).toBe(409);
    expect(json<{ detail: string }>(again).detail).toBe('この人はすでに案件のメンバーです。');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { ids, recipientsOf } from '../../test/notifications';
import { improvementRequests } from './assessment-tables';
import { runPartnerDaily } from './jobs';
import { makePartner, type AssessmentView } from './testing';

let t: TestApp;
let office: TestUser; // group-wide; starts the campaign
let officeA: TestUser; // site office of the site partner A works with
let officeB: TestUser;
let auditor: TestUser;
let alice: TestUser; // partner A
let alice2: TestUser; // partner A
let bob: TestUser; // partner B
let sheetA: AssessmentView;
let irId: string;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  auditor = await createUser(t.database, [{ role: 'auditor' }]);
  const unit = async (parentId: string | null, code: string, kind: string) =>
    json<{ id: string }>(await as(t.app, office).post('/api/org-units', { parentId, code, kind, nameJa: code, nameEn: code })).id;
  const group = await unit(null, 'G', 'company');
  const siteA = await unit(group, 'SA', 'site');
  const siteB = await unit(group, 'SB', 'site');
  officeA = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]);
  officeB = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteB }]);
  const a = await makePartner(t.app, office, 'A', { orgUnitIds: [siteA] });
  const b = await makePartner(t.app, office, 'B', { orgUnitIds: [siteB] });
  alice = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: a.id });
  alice2 = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: a.id });
  bob = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: b.id });
  await as(t.app, office).post('/api/partner-campaigns', { name: 'FY2026', dueOn: '2026-12-31', partnerIds: [a.id, b.id] });
  const list = json<{ items: { id: string; partnerId: string }[] }>(await as(t.app, office).get('/api/partner-assessments'));
  const id = list.items.find((i) => i.partnerId === a.id)!.id;
  sheetA = json(await as(t.app, office).get(`/api/partner-assessments/${id}`));
});
afterAll(() => t.close());

describe('partner programme notifications', () => {
  it("tell the reviewers of the partner (its site's office, the group office) of a submitted check sheet", async () => {
    const answers = sheetA.items.map(({ requirementId }) => ({
      requirementId,
      value: requirementId.startsWith('3-') ? 'not_implemented' : 'implemented',
    }));
    await as(t.app, alice).put(`/api/partner-assessments/${sheetA.id}/answers`, { answers });
    expect((await as(t.app, alice).post(`/api/partner-assessments/${sheetA.id}/submit`)).statusCode).toBe(200);
    const link = `/partner-assessments/${sheetA.id}`;
    expect(await recipientsOf(t.database.db, 'partner-assessment.submitted', link)).toEqual(ids(office, officeA));
    const [item] = json<{ items: { params: Record<string, unknown> }[] }>(
      await as(t.app, officeA).get('/api/notifications'),
    ).items;
    expect(item!.params).toMatchObject({ partner: { ja: '取引先 A', en: 'Partner A' }, score: expect.any(Number) });
  });

  it('tell the office of an answered improvement request, and the partner users of a returned one', async () => {
    const [ir] = json<{ items: { id: string }[] }>(await as(t.app, alice).get('/api/improvement-requests?status=open')).items;
    irId = ir!.id;
    await as(t.app, alice).post(`/api/improvement-requests/${irId}/answer`, { plan: '誓約書を全員から取得します' });
    expect(await recipientsOf(t.database.db, 'improvement-request.answered')).toEqual(ids(office, officeA));
    await as(t.app, office).post(`/api/improvement-requests/${irId}/return`, { comment: 'dates please' });
    expect(await recipientsOf(t.database.db, 'improvement-request.returned', '/portal/improvements')).toEqual(ids(alice, alice2));
  });

  it('tell the group office and the owner once of overdue improvement requests, in one notification', async () => {
    const [ir] = await t.database.db.select().from(improvementRequests);
    await t.database.db
      .insert(improvementRequests)
      .values({ ...ir!, id: undefined, requirementId: '1-1', status: 'open', createdAt: undefined });
    await t.database.db.update(improvementRequests).set({ dueOn: '2020-01-01' });
    const { escalated } = await runPartnerDaily(t.database.db);
    expect(escalated).toBe(2);
    await runPartnerDaily(t.database.db);
    expect(await recipientsOf(t.database.db, 'improvement-request.overdue')).toEqual(ids(office));
    const [item] = json<{ items: { kind: string; params: { count: number } }[] }>(
      await as(t.app, office).get('/api/notifications'),
    ).items;
    expect(item).toMatchObject({ kind: 'improvement-request.overdue', params: { count: escalated } });
  });

  it('tell nothing to another partner, its site office, or an auditor', async () => {
    for (const outsider of [bob, officeB, auditor])
      expect(json<{ items: unknown[] }>(await as(t.app, outsider).get('/api/notifications')).items).toEqual([]);
  });
});

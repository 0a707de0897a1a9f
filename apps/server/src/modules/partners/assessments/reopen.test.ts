import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables';
import { mailOutbox } from '../../../platform/mail/tables';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { answerAndSubmit, makePartner, type AssessmentView } from '../testing';

let t: TestApp;
let office: TestUser;
let siteOffice: TestUser;
let auditor: TestUser;
let alice: TestUser; // partner user of A
let bob: TestUser; // partner user of B
let a: { id: string };
let sheetA: string;
let sheetB: string;

interface Request {
  id: string;
  status: string;
  reason: string;
  decisionReason: string | null;
  requestedByName: string | null;
  partnerName: string;
}
interface Sheet extends AssessmentView {
  reopenReason: string | null;
  history: { score: number | null; passed: boolean | null; reopenReason: string }[];
  reopenRequests: Request[];
}

const sheet = async (user: TestUser, id: string) => json<Sheet>(await as(t.app, user).get(`/api/partner-assessments/${id}`));
const ask = (user: TestUser, id: string, reason: string) =>
  as(t.app, user).post(`/api/partner-assessments/${id}/reopen-requests`, { reason });

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  auditor = await createUser(t.database, [{ role: 'auditor' }]);
  const unit = json<{ id: string }>(
    await as(t.app, office).post('/api/org-units', { parentId: null, code: 'S', kind: 'site', nameJa: 'S', nameEn: 'S' }),
  );
  siteOffice = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: unit.id }]);
  a = await makePartner(t.app, office, 'A');
  const b = await makePartner(t.app, office, 'B');
  alice = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: a.id });
  bob = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: b.id });
  await as(t.app, office).post('/api/partner-campaigns', { name: 'FY2026', dueOn: '2026-12-31', partnerIds: [a.id, b.id] });
  const list = json<{ items: { id: string; partnerId: string }[] }>(await as(t.app, office).get('/api/partner-assessments'));
  sheetA = list.items.find((i) => i.partnerId === a.id)!.id;
  sheetB = list.items.find((i) => i.partnerId === b.id)!.id;
});
afterAll(() => t.close());

describe('a partner asks to reopen a submitted check sheet', () => {
  it('is refused while the sheet is still a draft, and for an empty reason', async () => {
    expect((await ask(alice, sheetA, 'typo in 1-1')).statusCode).toBe(409);
    const empty = await ask(alice, sheetA, '   ');
    expect(empty.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(empty).errors.map((e) => e.path)).toEqual(['body.reason']);
  });

  it('is asked by the partner user only, for its own company: 404 for another company, 403 for the office', async () => {
    await answerAndSubmit(t.app, alice, sheetA, 'partly');
    expect((await ask(bob, sheetA, 'not mine')).statusCode).toBe(404);
    expect((await ask(office, sheetA, 'office cannot ask')).statusCode).toBe(403);
    expect((await ask(auditor, sheetA, 'nor an auditor')).statusCode).toBe(403);
    const res = await ask(alice, sheetA, '1-1 の回答を誤って入力しました');
    expect(res.statusCode).toBe(201);
    expect(json<Request>(res)).toMatchObject({ status: 'pending', partnerName: 'Partner A', decisionReason: null });
    expect((await ask(alice, sheetA, 'again')).statusCode).toBe(409);
  });

  it('shows pending requests to the office and on the dashboard, and to no other company', async () => {
    const pending = json<{ items: Request[] }>(await as(t.app, office).get('/api/partner-reopen-requests?status=pending'));
    expect(pending.items.map((r) => r.reason)).toEqual(['1-1 の回答を誤って入力しました']);
    expect(pending.items[0]!.requestedByName).toMatch(/^User /);
    expect(
      json<{ pendingReopenRequests: number }>(await as(t.app, office).get('/api/partner-dashboard')).pendingReopenRequests,
    ).toBe(1);
    expect(json<{ items: unknown[] }>(await as(t.app, bob).get('/api/partner-reopen-requests')).items).toEqual([]);
    expect(json<{ items: unknown[] }>(await as(t.app, alice).get('/api/partner-reopen-requests')).items).toHaveLength(1);
    expect((await sheet(alice, sheetA)).reopenRequests.map((r) => r.status)).toEqual(['pending']);
    expect((await as(t.app, bob).get(`/api/partner-assessments/${sheetA}`)).statusCode).toBe(404);
  });
});

describe('the office decides', () => {
  it('refuses with a reason; only the office may, and only within its scope', async () => {
    const [req] = json<{ items: Request[] }>(await as(t.app, office).get('/api/partner-reopen-requests?status=pending')).items;
    const url = `/api/partner-reopen-requests/${req!.id}`;
    expect((await as(t.app, alice).post(`${url}/refuse`, { reason: 'x' })).statusCode).toBe(403);
    expect((await as(t.app, alice).post(`${url}/approve`, {})).statusCode).toBe(403);
    expect((await as(t.app, auditor).post(`${url}/approve`, {})).statusCode).toBe(403);
    expect((await as(t.app, siteOffice).post(`${url}/approve`, {})).statusCode).toBe(404); // partner A works with no unit of its site
    expect((await as(t.app, office).post(`${url}/refuse`, {})).statusCode).toBe(400);
    const refused = await as(t.app, office).post(`${url}/refuse`, { reason: '軽微な誤りのため、改善要請で対応してください' });
    expect(json<Request>(refused)).toMatchObject({
      status: 'refused',
      decisionReason: '軽微な誤りのため、改善要請で対応してください',
    });
    expect((await as(t.app, office).post(`${url}/approve`, {})).statusCode).toBe(409);
    const seen = await sheet(alice, sheetA);
    expect(seen.status).toBe('submitted');
    expect(seen.reopenRequests[0]).toMatchObject({
      status: 'refused',
      decisionReason: '軽微な誤りのため、改善要請で対応してください',
    });
    expect(
      json<{ pendingReopenRequests: number }>(await as(t.app, office).get('/api/partner-dashboard')).pendingReopenRequests,
    ).toBe(0);
  });

  it('approves: the sheet goes back to the partner, the earlier score stays in the history after resubmission', async () => {
    const before = await sheet(alice, sheetA);
    expect(before.score).toBe(50);
    const req = json<Request>(await ask(alice, sheetA, '3-2 の回答を訂正したい'));
    const approved = await as(t.app, office).post(`/api/partner-reopen-requests/${req.id}/approve`, { comment: '了解しました' });
    expect(json<Request>(approved)).toMatchObject({ status: 'approved', decisionReason: '了解しました' });
    const reopened = await sheet(alice, sheetA);
    expect(reopened).toMatchObject({ status: 'reopened', reopenReason: '3-2 の回答を訂正したい' });
    expect(reopened.history).toMatchObject([{ score: 50, passed: false, reopenReason: '3-2 の回答を訂正したい' }]);
    expect((await as(t.app, office).post(`/api/partner-reopen-requests/${req.id}/refuse`, { reason: 'x' })).statusCode).toBe(409);
    const again = await answerAndSubmit(t.app, alice, sheetA, 'implemented');
    expect(again.score).toBe(100);
    const after = await sheet(office, sheetA);
    expect(after.history.map((h) => h.score)).toEqual([50]);
    expect(after.reopenRequests.map((r) => r.status)).toEqual(['approved', 'refused']);
  });

  it('settles a pending request when the office reopens the sheet itself', async () => {
    await answerAndSubmit(t.app, bob, sheetB);
    const req = json<Request>(await ask(bob, sheetB, 'wrong file attached'));
    expect(
      (await as(t.app, office).post(`/api/partner-assessments/${sheetB}/reopen`, { reason: 'see request' })).statusCode,
    ).toBe(200);
    const [settled] = (await sheet(bob, sheetB)).reopenRequests;
    expect(settled).toMatchObject({ id: req.id, status: 'approved' });
  });

  it('writes every step to the audit log', async () => {
    const rows = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          inArray(auditEvents.targetType, ['partner_reopen_request', 'partner_assessment']),
          inArray(auditEvents.action, [
            'partner_reopen_request.create',
            'partner_reopen_request.approve',
            'partner_reopen_request.refuse',
            'partner_assessment.reopen',
          ]),
        ),
      );
    const count = (action: string) => rows.filter((r) => r.action === action).length;
    expect([
      count('partner_reopen_request.create'),
      count('partner_reopen_request.refuse'),
      count('partner_reopen_request.approve'),
      count('partner_assessment.reopen'),
    ]).toEqual([3, 1, 2, 2]);
    const toAlice = await t.database.db
      .select({ subject: mailOutbox.subject })
      .from(mailOutbox)
      .where(eq(mailOutbox.to, alice.email));
    expect(toAlice.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Reopen request refused'),
        expect.stringContaining('Reopen request approved'),
      ]),
    );
    const toOffice = await t.database.db
      .select({ subject: mailOutbox.subject })
      .from(mailOutbox)
      .where(eq(mailOutbox.to, office.email));
    expect(toOffice.filter((m) => m.subject.includes('Reopen requested'))).toHaveLength(3);
  });
});

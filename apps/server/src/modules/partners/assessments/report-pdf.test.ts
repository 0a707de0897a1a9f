import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../../platform/pdf/testing';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { makePartner, type AssessmentView } from '../testing';

let t: TestApp;
let office: TestUser;
let alice: TestUser; // partner user of A
let bob: TestUser; // partner user of B
let sheet: AssessmentView;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const a = await makePartner(t.app, office, 'A');
  const b = await makePartner(t.app, office, 'B');
  alice = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: a.id });
  bob = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: b.id });
  await as(t.app, office).post('/api/partner-campaigns', { name: 'FY2026', dueOn: '2026-12-31', partnerIds: [a.id, b.id] });
  const list = json<{ items: { id: string }[] }>(await as(t.app, alice).get('/api/partner-assessments'));
  sheet = json(await as(t.app, alice).get(`/api/partner-assessments/${list.items[0]!.id}`));
  const [first, second, ...rest] = sheet.items;
  const answers = [
    { requirementId: first!.requirementId, value: 'not_implemented' },
    { requirementId: second!.requirementId, value: 'partly' },
    ...rest.map((i) => ({ requirementId: i.requirementId, value: 'implemented' })),
  ];
  expect((await as(t.app, alice).put(`/api/partner-assessments/${sheet.id}/answers`, { answers })).statusCode).toBe(200);
  expect((await as(t.app, alice).post(`/api/partner-assessments/${sheet.id}/submit`)).statusCode).toBe(200);
});
afterAll(() => t.close());

describe('GET /api/partner-assessments/:id/report.pdf', () => {
  it('prints the score by group and the requirements not fully implemented, in Japanese', async () => {
    const res = await as(t.app, office).get(`/api/partner-assessments/${sheet.id}/report.pdf?lang=ja`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = await readPdf(res.rawPayload);
    expect(pdf.text).toContain('情報セキュリティ チェックシート評価結果');
    expect(pdf.text).toContain('分類別の得点');
    expect(pdf.text).toContain(sheet.items[0]!.requirementId);
    expect(pdf.text).toContain('未実施');
    expect(pdf.text).toContain('一部実施');
    expect(pdf.text).not.toContain(sheet.items[2]!.requirementId + ' ');
  });

  it('gives the partner its own result in English, and another partner a 404', async () => {
    const own = await as(t.app, alice).get(`/api/partner-assessments/${sheet.id}/report.pdf?lang=en`);
    expect(own.statusCode).toBe(200);
    expect((await readPdf(own.rawPayload)).text).toContain('Information security check sheet — result');
    expect((await as(t.app, bob).get(`/api/partner-assessments/${sheet.id}/report.pdf`)).statusCode).toBe(404);
  });
});

describe('the verdict of a sheet failed on a critical requirement', () => {
  it('says which critical requirement failed it, not "below the threshold", when the score is above it', async () => {
    const list = json<{ items: { id: string }[] }>(await as(t.app, bob).get('/api/partner-assessments'));
    const own = json<AssessmentView>(await as(t.app, bob).get(`/api/partner-assessments/${list.items[0]!.id}`));
    const critical = own.items.find((i) => i.critical)!;
    const answers = own.items.map((i) => ({
      requirementId: i.requirementId,
      value: i === critical ? 'not_implemented' : 'implemented',
    }));
    expect((await as(t.app, bob).put(`/api/partner-assessments/${own.id}/answers`, { answers })).statusCode).toBe(200);
    const done = json<AssessmentView>(await as(t.app, bob).post(`/api/partner-assessments/${own.id}/submit`));
    expect(done.passed).toBe(false);
    expect(done.score!).toBeGreaterThan(done.threshold!);
    const ja = (await readPdf((await as(t.app, office).get(`/api/partner-assessments/${own.id}/report.pdf?lang=ja`)).rawPayload))
      .text;
    expect(ja).toContain(`重要項目が未実施(${critical.requirementId})`);
    expect(ja).not.toContain('基準未満');
    const en = (await readPdf((await as(t.app, office).get(`/api/partner-assessments/${own.id}/report.pdf?lang=en`)).rawPayload))
      .text;
    expect(en).toContain(`critical requirement not implemented (${critical.requirementId})`);
  });
});

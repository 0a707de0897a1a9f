import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../../platform/pdf/testing';
import { as, json } from '../../../test/app';
import { govWorld, type GovWorld } from '../documents/test-world';
import { openReviewActions } from './service';

let w: GovWorld;
type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };
interface ReviewView {
  id: string;
  rowVersion: number;
  status: string;
  decisions: string;
  pack: { sections: { key: string; available: boolean; data: Record<string, unknown> | null }[] } | null;
  actionItems: { id: string; fiscalYear: number; status: string }[];
}
let review: ReviewView;
const url = () => `/api/management-reviews/${review.id}`;

beforeAll(async () => {
  w = await govWorld();
  const res = await as(w.t.app, w.office).post('/api/management-reviews', {
    fiscalYear: 2025,
    heldOn: '2026-03-18',
    title: '2025年度 マネジメントレビュー',
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  review = json<ReviewView>(res);
}, 180_000);
afterAll(() => w.t.close());

describe('who takes part', () => {
  it('lets the office and the CISO read, and refuses everyone else (partner accounts too)', async () => {
    for (const user of [w.office, w.ciso, w.officeA]) expect((await as(w.t.app, user).get(url())).statusCode).toBe(200);
    for (const user of [w.employeeA, w.headA, w.auditor, w.partner]) {
      expect((await as(w.t.app, user).get('/api/management-reviews')).statusCode).toBe(403);
      expect((await as(w.t.app, user).get(url())).statusCode).toBe(403);
      expect((await as(w.t.app, user).get(`${url()}/pack.pdf`)).statusCode).toBe(403);
      expect((await as(w.t.app, user).patch(url(), { internalIssues: 'x' })).statusCode).toBe(403);
    }
  });

  it('refuses a second review for the same year, and creation by the CISO', async () => {
    const body = { fiscalYear: 2025, heldOn: '2026-03-20', title: 'again' };
    const again = await as(w.t.app, w.office).post('/api/management-reviews', body);
    expect(again.statusCode).toBe(409);
    expect(json<Problem>(again).errors).toEqual([
      expect.objectContaining({ path: 'body.fiscalYear', code: 'reviews.year_exists' }),
    ]);
    expect((await as(w.t.app, w.ciso).post('/api/management-reviews', { ...body, fiscalYear: 2030 })).statusCode).toBe(403);
  });

  it('keeps inputs to the office and decisions to the CISO', async () => {
    expect((await as(w.t.app, w.office).patch(url(), { decisions: '決定' })).statusCode).toBe(403);
    expect((await as(w.t.app, w.ciso).patch(url(), { internalIssues: '課題' })).statusCode).toBe(403);
    expect((await as(w.t.app, w.officeA).patch(url(), { internalIssues: '課題' })).statusCode).toBe(403);
    const ok = await as(w.t.app, w.office).patch(url(), {
      internalIssues: '工場のOT機器の資産把握が不十分',
      externalIssues: '取引先経由の攻撃の増加',
      interestedParties: '主要顧客からセキュリティ監査の要請',
      attendees: [{ name: '山田 CISO', role: 'CISO' }],
    });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a change made from a stale read (412), and changes nothing', async () => {
    const tag = (await as(w.t.app, w.office).get(url())).headers.etag as string;
    expect((await as(w.t.app, w.office).patch(url(), { title: 'first' }, { 'if-match': tag })).statusCode).toBe(200);
    expect((await as(w.t.app, w.office).patch(url(), { title: 'second' }, { 'if-match': tag })).statusCode).toBe(412);
    expect(json<{ title: string }>(await as(w.t.app, w.office).get(url())).title).toBe('first');
  });
});

describe('the pack', () => {
  it('is assembled from every domain’s data as a snapshot', async () => {
    expect((await as(w.t.app, w.ciso).post(`${url()}/pack`)).statusCode).toBe(403);
    const res = await as(w.t.app, w.office).post(`${url()}/pack`);
    expect(res.statusCode).toBe(200);
    const sections = json<ReviewView>(res).pack!.sections;
    expect(sections.map((s) => s.key)).toEqual([
      'previousActions',
      'issues',
      'incidents',
      'audits',
      'planCompletion',
      'risks',
      'soa',
      'partners',
      'education',
    ]);
    expect(sections.filter((s) => !s.available).map((s) => s.key)).toEqual([]);
    expect(sections.find((s) => s.key === 'education')!.data).toEqual({ total: 0, done: 0, overdue: 0, rate: 0 });
    // the audit programme and the yearly plan of the review's year, read through their domains (none in this world)
    expect(sections.find((s) => s.key === 'audits')!.data).toMatchObject({ total: 0, openNonconformities: 0 });
    expect(sections.find((s) => s.key === 'planCompletion')!.data).toMatchObject({ total: 0, done: 0 });
    expect(sections.find((s) => s.key === 'issues')!.data).toMatchObject({ internalIssues: '工場のOT機器の資産把握が不十分' });
    expect(sections.find((s) => s.key === 'incidents')!.data).toMatchObject({ incidents: 0, nearMisses: 0 });
  });

  it('prints as a PDF with its text in Japanese and English', async () => {
    const ja = await as(w.t.app, w.ciso).get(`${url()}/pack.pdf?lang=ja`);
    expect(ja.statusCode).toBe(200);
    expect(ja.headers['content-type']).toBe('application/pdf');
    const text = (await readPdf(ja.rawPayload)).text;
    expect(text).toContain('マネジメントレビュー資料');
    expect(text).toContain('工場のOT機器の資産把握が不十分');
    const en = await readPdf((await as(w.t.app, w.office).get(`${url()}/pack.pdf?lang=en`)).rawPayload);
    expect(en.text).toContain('Management review pack');
    expect(en.text).toContain('Education completion');
  });
});

describe('decisions and actions', () => {
  it('lets only the CISO add actions, carried into the next fiscal year', async () => {
    const body = { title: 'OT機器の資産棚卸しを全工場で実施', owner: '生産技術部', dueOn: '2026-09-30' };
    expect((await as(w.t.app, w.office).post(`${url()}/actions`, body)).statusCode).toBe(403);
    const res = await as(w.t.app, w.ciso).post(`${url()}/actions`, body);
    expect(res.statusCode).toBe(201);
    expect(json<{ fiscalYear: number }>(res).fiscalYear).toBe(2026);
    const open = await openReviewActions(w.t.database.db, 2026);
    expect(open.map((a) => a.title)).toEqual(['OT機器の資産棚卸しを全工場で実施']);
  });

  it('puts the open actions into next year’s plan draft as “act” activities at the top units, once', async () => {
    const draft = await as(w.t.app, w.office).post('/api/plans', {
      fiscalYear: 2026,
      titleJa: '2026年度計画',
      titleEn: 'FY2026 plan',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    type Plan = {
      id: string;
      activities: {
        title: { ja: string; en: string };
        phase: string;
        kind: string;
        dueDate: string;
        unitKinds: string[];
        evidence: string;
      }[];
    };
    const plan = json<Plan>(draft);
    const carried = plan.activities.filter((a) => a.title.ja === 'OT機器の資産棚卸しを全工場で実施');
    expect(carried).toEqual([
      expect.objectContaining({
        phase: 'act',
        kind: 'other',
        dueDate: '2026-09-30',
        unitKinds: ['company'],
        evidence: 'comment',
      }),
    ]);
    // a draft of the same year is not made twice; deleting it and drafting again carries the action once more, not twice
    expect((await as(w.t.app, w.office).delete(`/api/plans/${plan.id}`)).statusCode).toBe(204);
    const again = json<Plan>(
      await as(w.t.app, w.office).post('/api/plans', { fiscalYear: 2026, titleJa: '2026年度計画', titleEn: 'FY2026 plan' }),
    );
    expect(again.activities.filter((a) => a.title.ja === 'OT機器の資産棚卸しを全工場で実施')).toHaveLength(1);
    await as(w.t.app, w.office).delete(`/api/plans/${again.id}`);
  });

  it('refuses to close without decisions, then closes and freezes the review', async () => {
    const early = await as(w.t.app, w.ciso).post(`${url()}/close`);
    expect(early.statusCode).toBe(400);
    expect(json<Problem>(early).errors).toEqual([
      expect.objectContaining({ path: 'decisions', code: 'reviews.decisions_required' }),
    ]);
    expect((await as(w.t.app, w.ciso).patch(url(), { decisions: 'OT資産の把握を最優先とする。' })).statusCode).toBe(200);
    expect((await as(w.t.app, w.office).post(`${url()}/close`)).statusCode).toBe(403);
    const closed = await as(w.t.app, w.ciso).post(`${url()}/close`);
    expect(json<ReviewView>(closed).status).toBe('done');
    const after = await as(w.t.app, w.office).patch(url(), { internalIssues: 'late' });
    expect(after.statusCode).toBe(409);
    expect(json<Problem>(after).detailCode).toBe('reviews.closed');
    expect((await as(w.t.app, w.ciso).post(`${url()}/actions`, { title: 't', owner: 'o', dueOn: '2026-05-01' })).statusCode).toBe(
      409,
    );
  });

  it('lets the office follow an action up after the review closed, but not reword it', async () => {
    const action = json<ReviewView>(await as(w.t.app, w.office).get(url())).actionItems[0]!;
    const a = `${url()}/actions/${action.id}`;
    expect((await as(w.t.app, w.office).patch(a, { title: 'changed' })).statusCode).toBe(403);
    expect((await as(w.t.app, w.employeeA).patch(a, { status: 'done' })).statusCode).toBe(403);
    const done = await as(w.t.app, w.office).patch(a, { status: 'done', outcome: '全12工場で完了' });
    expect(done.statusCode).toBe(200);
    expect(await openReviewActions(w.t.database.db, 2026)).toEqual([]);
    expect((await as(w.t.app, w.office).patch(`${url()}/actions/${review.id}`, { status: 'done' })).statusCode).toBe(404);
  });

  it('shows the previous review’s actions in next year’s pack', async () => {
    const next = json<ReviewView>(
      await as(w.t.app, w.office).post('/api/management-reviews', { fiscalYear: 2026, heldOn: '2027-03-17', title: '2026年度' }),
    );
    const pack = json<ReviewView>(await as(w.t.app, w.office).post(`/api/management-reviews/${next.id}/pack`)).pack!;
    expect(pack.sections[0]!.data).toMatchObject({ total: 1, done: 1, open: 0 });
  });
});

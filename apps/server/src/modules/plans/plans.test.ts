import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../platform/mail/tables';
import { as, json } from '../../test/app';
import { loadConfig } from '../../config';
import { planTasks } from './tasks/tables';
import { runPlanReminders } from './tasks/job';
import { attentionFor, planProgressSummary } from './service';
import { activity, draftPlan, pdf, plansWorld, publish, type PlanView, type PlansWorld, type TaskView } from './test-world';

let w: PlansWorld;
let plan: PlanView; // FY2026 version 1, published
type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };
type Page = { items: TaskView[]; nextCursor: string | null };

const tasksOf = async (user: PlansWorld['office'], query = '') =>
  json<Page>(await as(w.t.app, user).get(`/api/plan-tasks?fiscalYear=2026&limit=500${query}`)).items;
const taskFor = async (unitId: string, activityId: string) =>
  (await tasksOf(w.office)).find((t) => t.unit.id === unitId && t.activity.id === activityId)!;

beforeAll(async () => {
  w = await plansWorld();
  const draft = await draftPlan(w, 2026, [
    // departments of the whole group: A1, A2, B1
    activity({ unitRoots: [w.units.group], dueDate: '2026-06-30', startDate: '2026-04-01' }),
    // site A only, departments and sections: A1, its section, A2
    activity({
      kind: 'control_self_check',
      phase: 'check',
      titleJa: '自己点検',
      titleEn: 'Self-check',
      unitRoots: [w.units.siteA],
      unitKinds: ['department', 'section'],
      evidence: 'comment',
      dueDate: '2026-09-30',
    }),
    // the sites themselves, nothing to show
    activity({
      kind: 'mail_drill',
      phase: 'do',
      titleJa: '訓練',
      titleEn: 'Drill',
      unitRoots: [w.units.group],
      unitKinds: ['site'],
      evidence: 'none',
      dueDate: '2027-03-31',
    }),
  ]);
  plan = await publish(w, draft.id);
}, 120_000);
afterAll(() => w.t.close());

describe('the plan lifecycle', () => {
  it('publishes a draft and cascades one task per unit in scope and activity', () => {
    expect(plan).toMatchObject({ status: 'published', version: 1, tasksCreated: 3 + 3 + 2, tasksCancelled: 0 });
    expect(plan.activities.map((a) => a.kind)).toEqual(['asset_inventory', 'control_self_check', 'mail_drill']);
  });

  it('never edits a published version: a change or a second publication is refused with a problem naming why', async () => {
    const res = await as(w.t.app, w.office).patch(`/api/plans/${plan.id}`, { titleEn: 'Changed' });
    expect(res.statusCode).toBe(409);
    expect(json<Problem>(res)).toMatchObject({
      detailCode: 'plans.not_draft',
      errors: [expect.objectContaining({ path: 'status' })],
    });
    expect((await as(w.t.app, w.office).post(`/api/plans/${plan.id}/publish`)).statusCode).toBe(409);
    const again = json<PlanView>(await as(w.t.app, w.office).get(`/api/plans/${plan.id}`));
    expect(again.rowVersion).toBe(plan.rowVersion);
  });

  it('refuses activities dated outside the fiscal year or scoped outside the planner, naming each field', async () => {
    const created = json<PlanView>(
      await as(w.t.app, w.office).post('/api/plans', { fiscalYear: 2030, titleJa: 'x', titleEn: 'x' }),
    );
    const res = await as(w.t.app, w.office).patch(`/api/plans/${created.id}`, {
      activities: [
        activity({
          unitRoots: ['00000000-0000-4000-8000-000000000000'],
          dueDate: '2026-06-30',
          startDate: '2031-05-01',
          evidence: 'linked',
        }),
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(
      json<Problem>(res)
        .errors!.map((e) => e.path)
        .sort(),
    ).toEqual([
      'body.activities.0.dueDate',
      'body.activities.0.linkKind',
      'body.activities.0.startDate',
      'body.activities.0.startDate',
      'body.activities.0.unitRoots.0',
    ]);
    expect((await as(w.t.app, w.office).delete(`/api/plans/${created.id}`)).statusCode).toBe(204);
  });

  it("copies last year's plan as next year's draft with the dates a year on", async () => {
    const res = await as(w.t.app, w.office).post('/api/plans', {
      fiscalYear: 2027,
      titleJa: '2027年度',
      titleEn: 'FY2027',
      copyFrom: plan.id,
    });
    expect(res.statusCode).toBe(201);
    const next = json<PlanView>(res);
    expect(next).toMatchObject({ fiscalYear: 2027, version: 1, status: 'draft' });
    expect(next.activities.map((a) => [a.startDate, a.dueDate])).toEqual([
      ['2027-04-01', '2027-06-30'],
      [null, '2027-09-30'],
      [null, '2028-03-31'],
    ]);
    expect(next.activities[0]!.key).not.toBe(plan.activities[0]!.key);
    // one draft per year
    expect((await as(w.t.app, w.office).post('/api/plans', { fiscalYear: 2027, titleJa: 'x', titleEn: 'x' })).statusCode).toBe(
      409,
    );
  });
});

describe('the cascade', () => {
  it("assigns each task to the unit's nearest promotion leaders, and leaves a unit without one unassigned", async () => {
    const inventory = plan.activities[0]!.id;
    const selfCheck = plan.activities[1]!.id;
    expect((await taskFor(w.units.deptA1, inventory)).assignees.map((a) => a.id)).toEqual([w.leaderA1.id]);
    expect((await taskFor(w.units.secA1, selfCheck)).assignees.map((a) => a.id)).toEqual([w.leaderA1.id]);
    expect((await taskFor(w.units.deptB1, inventory)).assignees.map((a) => a.id)).toEqual([w.leaderB1.id]);
    expect((await taskFor(w.units.deptA2, inventory)).assignees).toEqual([]);
    expect(await taskFor(w.units.deptB1, selfCheck)).toBeUndefined();
  });

  it("lists a leader's own tasks with mine=1, and a unit's with unit=", async () => {
    const mine = await tasksOf(w.leaderA1, '&mine=1');
    expect(mine.map((t) => t.unit.id).sort()).toEqual([w.units.deptA1, w.units.deptA1, w.units.secA1].sort());
    const unitA2 = await tasksOf(w.officeA, `&unit=${w.units.deptA2}`);
    expect(unitA2.map((t) => t.unit.id)).toEqual([w.units.deptA2, w.units.deptA2]);
  });

  it("answers a leader's open tasks as attention items, due first", async () => {
    const principal = { userId: w.leaderA1.id, language: 'en' } as Parameters<typeof attentionFor>[1];
    const items = await attentionFor(w.t.database.db, principal, 10, new Date('2026-12-06T00:00:00Z'));
    expect(items.map((i) => [i.kind, i.dueAt, i.overdue])).toEqual([
      ['planTask', '2026-06-30', true],
      ['planTask', '2026-09-30', true],
      ['planTask', '2026-09-30', true],
    ]);
    expect(items[0]!.title).toBe('Asset inventory — Unit SA-D1');
  });

  it('a new version keeps the tasks of the activities it carries over and cancels those it drops', async () => {
    const done = await taskFor(w.units.deptB1, plan.activities[0]!.id);
    const ok = await as(w.t.app, w.leaderB1).post(`/api/plan-tasks/${done.id}/complete`, { file: pdf });
    expect(ok.statusCode).toBe(200);
    const v2 = json<PlanView>(
      await as(w.t.app, w.office).post('/api/plans', { fiscalYear: 2026, titleJa: '2026年度 第2版', titleEn: 'FY2026 v2' }),
    );
    expect(v2.version).toBe(2);
    const carried = await as(w.t.app, w.office).get(`/api/plans/${v2.id}`);
    const acts = json<PlanView>(carried).activities;
    // keep the inventory (due later now), drop the self-check, keep the drill
    const body = {
      activities: [acts[0]!, acts[2]!].map((a) => {
        const full = a as unknown as Record<string, unknown> & { unitRoots: { id: string }[] };
        const {
          id: _id,
          position: _p,
          link: _link,
          title,
          unitRoots,
          ...rest
        } = full as Record<string, unknown> & { title: { ja: string; en: string }; unitRoots: { id: string }[] };
        return {
          ...rest,
          titleJa: title.ja,
          titleEn: title.en,
          unitRoots: unitRoots.map((u) => u.id),
          dueDate: a.kind === 'asset_inventory' ? '2026-07-31' : a.dueDate,
        };
      }),
    };
    const patched = await as(w.t.app, w.office).patch(`/api/plans/${v2.id}`, body);
    expect(patched.statusCode).toBe(200);
    const published = await publish(w, v2.id);
    expect(published).toMatchObject({ tasksCreated: 0, tasksCancelled: 3 });
    expect(json<PlanView>(await as(w.t.app, w.office).get(`/api/plans/${plan.id}`)).status).toBe('superseded');
    const after = (await tasksOf(w.office, '&status=done'))[0]!;
    expect(after).toMatchObject({ id: done.id, status: 'done', activity: { id: published.activities[0]!.id } });
    const [row] = await w.t.database.db.select().from(planTasks).where(eq(planTasks.id, done.id));
    expect(row!.dueDate).toBe('2026-07-31');
    plan = published;
  });
});

describe('completing a task', () => {
  it('refuses done without the evidence the activity asks for, naming the field, and changes nothing', async () => {
    const task = await taskFor(w.units.deptA1, plan.activities[0]!.id);
    const res = await as(w.t.app, w.leaderA1).post(`/api/plan-tasks/${task.id}/complete`, { comment: 'done' });
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res)).toMatchObject({
      detailCode: 'plans.evidence_missing',
      errors: [expect.objectContaining({ path: 'body.file', code: 'plans.evidence_file_required' })],
    });
    const bad = await as(w.t.app, w.leaderA1).post(`/api/plan-tasks/${task.id}/complete`, {
      file: { ...pdf, mediaType: 'application/x-msdownload' },
    });
    expect(json<Problem>(bad).errors).toEqual([expect.objectContaining({ path: 'body.file.mediaType' })]);
    expect((await taskFor(w.units.deptA1, plan.activities[0]!.id)).status).toBe('open');
  });

  it('records it done with the file and comment; the file downloads as uploaded', async () => {
    const task = await taskFor(w.units.deptA1, plan.activities[0]!.id);
    const res = await as(w.t.app, w.leaderA1).post(
      `/api/plan-tasks/${task.id}/complete`,
      { comment: 'Ledger reviewed', file: pdf },
      { 'if-match': `"${task.rowVersion}"` },
    );
    expect(res.statusCode).toBe(200);
    const done = json<TaskView>(res);
    expect(done).toMatchObject({
      status: 'done',
      comment: 'Ledger reviewed',
      files: [expect.objectContaining({ name: 'inventory.pdf' })],
    });
    const file = await as(w.t.app, w.officeA).get(`/api/plan-tasks/${task.id}/files/${done.files[0]!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.toString()).toBe('%PDF-1.4 evidence');
    expect((await as(w.t.app, w.leaderB1).get(`/api/plan-tasks/${task.id}/files/${done.files[0]!.id}`)).statusCode).toBe(404);
  });

  it('lets one of two concurrent completions win; the other is refused and nothing is doubled', async () => {
    const task = await taskFor(w.units.siteA, plan.activities[1]!.id);
    const send = () =>
      as(w.t.app, w.officeA).post(`/api/plan-tasks/${task.id}/complete`, {}, { 'if-match': `"${task.rowVersion}"` });
    const codes = (await Promise.all([send(), send()])).map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([409, 412]).toContain(codes[1]);
  });

  it('lets the site office reopen a done task, but not the unit head; a leader cannot touch another unit', async () => {
    const task = await taskFor(w.units.deptA1, plan.activities[0]!.id);
    expect((await as(w.t.app, w.headA1).post(`/api/plan-tasks/${task.id}/reopen`, { reason: 'x' })).statusCode).toBe(403);
    expect((await as(w.t.app, w.officeB).post(`/api/plan-tasks/${task.id}/reopen`, { reason: 'x' })).statusCode).toBe(404);
    const res = await as(w.t.app, w.officeA).post(`/api/plan-tasks/${task.id}/reopen`, {
      reason: 'The file is last year’s ledger',
    });
    expect(res.statusCode).toBe(200);
    expect(json<TaskView>(res).status).toBe('open');
    // its earlier file counts as the evidence now
    expect((await as(w.t.app, w.headA1).post(`/api/plan-tasks/${task.id}/complete`, { comment: 'New ledger' })).statusCode).toBe(
      200,
    );
    expect((await as(w.t.app, w.leaderB1).post(`/api/plan-tasks/${task.id}/complete`, {})).statusCode).toBe(404);
  });
});

describe('who may do what', () => {
  it('refuses partner accounts and employees everything, and the CISO and site offices the planning', async () => {
    for (const u of [w.partner, w.employee]) {
      expect((await as(w.t.app, u).get('/api/plans')).statusCode).toBe(403);
      expect((await as(w.t.app, u).get('/api/plan-tasks')).statusCode).toBe(403);
      expect((await as(w.t.app, u).get('/api/plan-progress?fiscalYear=2026')).statusCode).toBe(403);
    }
    expect((await as(w.t.app, w.ciso).get('/api/plans')).statusCode).toBe(200);
    for (const u of [w.ciso, w.officeA, w.leaderA1, w.auditor])
      expect((await as(w.t.app, u).post('/api/plans', { fiscalYear: 2028, titleJa: 'x', titleEn: 'x' })).statusCode).toBe(403);
    expect((await as(w.t.app, w.ciso).post(`/api/plan-tasks/${(await tasksOf(w.office))[0]!.id}/complete`, {})).statusCode).toBe(
      403,
    );
  });

  it("shows a site office its own site's tasks and progress only", async () => {
    const units = new Set((await tasksOf(w.officeB)).map((t) => t.unit.id));
    expect([...units].sort()).toEqual([w.units.deptB1, w.units.siteB].sort());
    const bySite = json<{ rows: { key: string }[] }>(
      await as(w.t.app, w.officeB).get('/api/plan-progress?fiscalYear=2026&by=site'),
    );
    expect(bySite.rows.map((r) => r.key)).toEqual([w.units.siteB]);
  });
});

describe('plan versus actual', () => {
  it('rolls up by activity, site, unit and month, and lists late units', async () => {
    const get = async (q: string) =>
      json<{
        totals: { total: number; done: number };
        rows: { key: string; total: number; done: number; cumulativeDone?: number }[];
      }>(await as(w.t.app, w.office).get(`/api/plan-progress?fiscalYear=2026&${q}`));
    const byActivity = await get('by=activity');
    expect(byActivity.totals).toMatchObject({ total: 5, done: 3 });
    const bySite = await get('by=site');
    expect(bySite.rows.find((r) => r.key === w.units.siteA)).toMatchObject({ total: 3, done: 2 });
    const byUnit = await get(`by=unit&unit=${w.units.siteA}`);
    expect(byUnit.rows.map((r) => r.key).sort()).toEqual([w.units.siteA, w.units.deptA1, w.units.deptA2].sort());
    const byMonth = await get('by=month');
    expect(byMonth.rows).toHaveLength(12);
    expect(byMonth.rows.at(-1)!.cumulativeDone).toBe(3);
    const summary = await planProgressSummary(w.t.database.db, { fiscalYear: 2026, unitPath: null });
    expect(summary).toMatchObject({ total: 5, done: 3 });
    const late = await as(w.t.app, w.office).get('/api/plan-progress/late-units?fiscalYear=2026');
    expect(late.statusCode).toBe(200);
  });

  it('exports a real workbook', async () => {
    const res = await as(w.t.app, w.office).get('/api/plan-progress/progress.xlsx?fiscalYear=2026&lang=en');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['By activity', 'By site', 'Late units']);
    expect(wb.getWorksheet('By activity')!.getRow(4).getCell(1).value).toBe('Asset inventory');
  });
});

describe('reminders and escalation', () => {
  it('reminds assignees before the due date and escalates to the site office after it, each once', async () => {
    const config = loadConfig({});
    const before = await runPlanReminders(w.t.database.db, config, new Date('2027-03-20T00:00:00Z'));
    expect(before.reminded).toBeGreaterThan(0);
    const again = await runPlanReminders(w.t.database.db, config, new Date('2027-03-20T01:00:00Z'));
    expect(again).toEqual({ reminded: 0, escalated: 0 });
    const after = await runPlanReminders(w.t.database.db, config, new Date('2027-04-20T00:00:00Z'));
    expect(after.escalated).toBeGreaterThan(0);
    const mails = await w.t.database.db.select().from(mailOutbox);
    const toB = mails.filter((m) => m.subject.includes('overdue') && m.to === w.officeB.email);
    expect(toB).toHaveLength(1);
    expect(toB[0]!.body).toContain('Unit SB: Drill (due 31 March 2027)');
    expect(toB[0]!.body).toContain('組織 SB: 訓練(期限 2027年3月31日)');
  });
});

import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/sql';
import { as, json } from '../../../test/app';
import { assetReviewUnits } from '../../assets/reviews/tables';
import { partnerAssessments } from '../../partners/assessment-tables';
import { trainingAssignments } from '../../training/tables';
import { activity, draftPlan, publish, plansWorld, type PlanView, type PlansWorld } from '../test-world';
import { at, linkedCampaigns } from './linked-campaigns.testing';
import { runLinkedCompletion } from './linked';
import { planTasks } from './tables';

/**
 * Plan tasks completed by the campaigns their activities link (asset review, partner check sheets, training, drill):
 * the campaign data is written straight into the other modules' tables here, as their own flows would leave it.
 */
let w: PlansWorld;
let plan: PlanView;
const ids = { review: '', campaign: '', course: '', drill: '' };
type Task = {
  id: string;
  status: string;
  rowVersion: number;
  unit: { id: string };
  activity: { id: string; linkKind: string | null };
  doneAt: string | null;
  doneBy: { id: string } | null;
  doneSource: string | null;
  evidenceHref: string | null;
};
type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };

const tasks = async () =>
  json<{ items: Task[] }>(await as(w.t.app, w.office).get('/api/plan-tasks?fiscalYear=2026&limit=500')).items;
const task = async (kind: string, unitId: string) =>
  (await tasks()).find((t) => t.activity.linkKind === kind && t.unit.id === unitId)!;
const completions = async (taskId: string) =>
  (
    await queryRows<{ n: number }>(
      w.t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE target_id = ${taskId} AND action IN ('plan_task.complete', 'plan_task.complete_linked')`,
    )
  )[0]!.n;

beforeAll(async () => {
  w = await plansWorld();
  Object.assign(ids, await linkedCampaigns(w));
  const linked = (kind: 'asset_review' | 'partner_campaign' | 'training' | 'drill', ref: string, over = {}) =>
    activity({
      kind: 'other',
      titleJa: kind,
      titleEn: kind,
      unitRoots: [w.units.group],
      evidence: 'linked',
      linkKind: kind,
      linkRef: ref,
      dueDate: '2026-12-31',
      ...over,
    });
  const draft = await draftPlan(w, 2026, [
    linked('asset_review', ids.review),
    linked('partner_campaign', ids.campaign),
    linked('training', ids.course, { linkThreshold: 80 }),
    linked('drill', ids.drill.toUpperCase(), { unitKinds: ['site'] }),
  ]);
  plan = await publish(w, draft.id);
}, 120_000);
afterAll(() => w.t.close());

describe('tasks completed by their linked campaigns', () => {
  it('names the linked campaign on the plan', async () => {
    expect(plan.activities).toHaveLength(4);
    const p = json<{ activities: { linkRef: string; linkThreshold: number; link: { name: { en: string } } | null }[] }>(
      await as(w.t.app, w.ciso).get(`/api/plans/${plan.id}`),
    );
    expect(p.activities.map((a) => a.link?.name.en)).toEqual([
      'FY2026 inventory',
      'FY2026 check sheets',
      'SEC-2026 Security basics',
      'FY2026 drill',
    ]);
    expect(p.activities[2]!.linkThreshold).toBe(80);
    expect(p.activities[3]!.linkRef).toBe(ids.drill);
  });

  it('completes each unit whose campaign is done, with the campaign date and a link to the result', async () => {
    const before = await tasks();
    expect(before.every((t) => t.status === 'open')).toBe(true);
    const r = await runLinkedCompletion(w.t.database.db);
    expect(r).toEqual({ activities: 4, completed: 5 });
    const u = w.units;
    // inventory: A1 (and its section) and B1; A2 still pending
    expect(await task('asset_review', u.deptA1)).toMatchObject({
      status: 'done',
      doneSource: 'linked',
      doneBy: null,
      doneAt: at('2026-05-20').toISOString(),
      evidenceHref: `/asset-reviews/${ids.review}/units/${u.deptA1}`,
    });
    expect(await task('asset_review', u.deptB1)).toMatchObject({ status: 'done', doneAt: at('2026-06-01').toISOString() });
    expect(await task('asset_review', u.deptA2)).toMatchObject({ status: 'open', doneSource: null, evidenceHref: null });
    // check sheets: B1 only (A1's section's partner has not submitted, A2 has no partner)
    expect(await task('partner_campaign', u.deptB1)).toMatchObject({
      status: 'done',
      doneSource: 'linked',
      doneAt: at('2026-07-15').toISOString(),
      evidenceHref: `/partner-campaigns/${ids.campaign}`,
    });
    expect((await task('partner_campaign', u.deptA1)).status).toBe('open');
    expect((await task('partner_campaign', u.deptA2)).status).toBe('open');
    // training at 80 %: A1 reached it with its fourth pass; B1 (50 %) and A2 (no one assigned) did not
    expect(await task('training', u.deptA1)).toMatchObject({
      status: 'done',
      doneSource: 'linked',
      doneAt: at('2026-08-04').toISOString(),
      evidenceHref: '/training/completion',
    });
    expect((await task('training', u.deptB1)).status).toBe('open');
    expect((await task('training', u.deptA2)).status).toBe('open');
    // the drill reached site A only
    expect(await task('drill', u.siteA)).toMatchObject({ status: 'done', evidenceHref: `/drills/${ids.drill}` });
    expect((await task('drill', u.siteB)).status).toBe('open');
    // one audit event per task, by the job, under the task's unit
    const events = await queryRows<{ n: number }>(
      w.t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'plan_task.complete_linked' AND org_path IS NOT NULL`,
    );
    expect(events[0]!.n).toBe(5);
  });

  it('is idempotent: a second run changes nothing and writes no event', async () => {
    const snapshot = JSON.stringify(await tasks());
    expect(await runLinkedCompletion(w.t.database.db)).toMatchObject({ completed: 0 });
    expect(JSON.stringify(await tasks())).toBe(snapshot);
    const events = await queryRows<{ n: number }>(
      w.t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'plan_task.complete_linked'`,
    );
    expect(events[0]!.n).toBe(5);
  });

  it('follows the campaign as it goes on: A2 confirms, the next run completes its task', async () => {
    await w.t.database.db
      .update(assetReviewUnits)
      .set({ status: 'confirmed', confirmedAt: at('2026-06-20') })
      .where(and(eq(assetReviewUnits.reviewId, ids.review), eq(assetReviewUnits.unitId, w.units.deptA2)));
    expect(await runLinkedCompletion(w.t.database.db)).toMatchObject({ completed: 1 });
    expect(await task('asset_review', w.units.deptA2)).toMatchObject({ status: 'done', doneSource: 'linked' });
  });

  it('a manual completion racing the job completes the task once, whoever wins', async () => {
    const t = await task('partner_campaign', w.units.deptA1);
    expect(t.status).toBe('open');
    // the section's partner submits: the campaign now shows A1 done
    await w.t.database.db
      .update(partnerAssessments)
      .set({ status: 'submitted', submittedAt: at('2026-07-20') })
      .where(and(eq(partnerAssessments.campaignId, ids.campaign), eq(partnerAssessments.status, 'draft')));
    const [manual, job] = await Promise.all([
      as(w.t.app, w.leaderA1).post(`/api/plan-tasks/${t.id}/complete`, { comment: 'checked by hand' }),
      runLinkedCompletion(w.t.database.db),
    ]);
    const after = await task('partner_campaign', w.units.deptA1);
    expect(after.status).toBe('done');
    expect(await completions(t.id)).toBe(1);
    if (manual.statusCode === 200) {
      expect(after).toMatchObject({ doneSource: 'manual', evidenceHref: null, doneBy: { id: w.leaderA1.id } });
      expect(job.completed).toBe(0);
    } else {
      expect(manual.statusCode).toBe(409);
      expect(json<Problem>(manual).errors?.[0]).toMatchObject({ path: 'status', code: 'plans.task_not_open' });
      expect(after).toMatchObject({ doneSource: 'linked', doneBy: null });
      expect(job.completed).toBe(1);
    }
  });

  it('a person completing first keeps the task theirs; the job leaves it alone', async () => {
    const t = await task('training', w.units.deptB1);
    const res = await as(w.t.app, w.leaderB1).post(`/api/plan-tasks/${t.id}/complete`, { comment: 'held a session' });
    expect(res.statusCode).toBe(200);
    expect(json<Task>(res)).toMatchObject({ doneSource: 'manual', evidenceHref: null });
    // B1's second member passes: the campaign would now complete it
    await w.t.database.db
      .update(trainingAssignments)
      .set({ status: 'passed', passedAt: at('2026-08-30') })
      .where(
        and(
          eq(trainingAssignments.courseId, ids.course),
          eq(trainingAssignments.status, 'assigned'),
          eq(trainingAssignments.unitId, w.units.deptB1),
        ),
      );
    expect(await runLinkedCompletion(w.t.database.db)).toMatchObject({ completed: 0 });
    expect(await task('training', w.units.deptB1)).toMatchObject({ doneSource: 'manual' });
  });

  it('an office reopening a linked task clears its source; the job completes it again while the campaign says done', async () => {
    const t = await task('drill', w.units.siteA);
    const res = await as(w.t.app, w.officeA).post(`/api/plan-tasks/${t.id}/reopen`, { reason: 'wrong drill' });
    expect(res.statusCode).toBe(200);
    expect(json<Task>(res)).toMatchObject({ status: 'open', doneSource: null, evidenceHref: null, doneAt: null });
    expect(await runLinkedCompletion(w.t.database.db)).toMatchObject({ completed: 1 });
    expect(await task('drill', w.units.siteA)).toMatchObject({ status: 'done', doneSource: 'linked' });
  });
});

describe('the editor: linking a campaign', () => {
  it('lists the campaigns of a kind to the planners only', async () => {
    const res = await as(w.t.app, w.office).get('/api/plan-link-targets?kind=asset_review');
    expect(res.statusCode).toBe(200);
    expect(json<{ items: { id: string; name: { ja: string }; date: string | null }[] }>(res).items).toEqual([
      { id: ids.review, name: { ja: '2026年度 棚卸し', en: 'FY2026 inventory' }, date: '2026-06-30' },
    ]);
    for (const kind of ['partner_campaign', 'training', 'drill'])
      expect(
        json<{ items: unknown[] }>(await as(w.t.app, w.office).get(`/api/plan-link-targets?kind=${kind}`)).items,
      ).toHaveLength(1);
    for (const who of [w.officeA, w.ciso, w.leaderA1, w.auditor, w.employee, w.partner])
      expect((await as(w.t.app, who).get('/api/plan-link-targets?kind=drill')).statusCode).toBe(403);
    expect((await as(w.t.app, null).get('/api/plan-link-targets?kind=drill')).statusCode).toBe(401);
    const bad = await as(w.t.app, w.office).get('/api/plan-link-targets?kind=audit_programme');
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a link to a campaign that does not exist, naming the field, and saves nothing', async () => {
    const created = json<PlanView>(
      await as(w.t.app, w.office).post('/api/plans', { fiscalYear: 2028, titleJa: 'x', titleEn: 'x' }),
    );
    const res = await as(w.t.app, w.office).patch(`/api/plans/${created.id}`, {
      activities: [
        activity({
          unitRoots: [w.units.group],
          dueDate: '2028-06-30',
          evidence: 'linked',
          linkKind: 'partner_campaign',
          linkRef: ids.review, // an inventory's id, not a check-sheet campaign's
        }),
        activity({ unitRoots: [w.units.group], dueDate: '2028-06-30', evidence: 'linked', linkKind: 'drill', linkRef: 'FY2028' }),
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors).toEqual([
      expect.objectContaining({ path: 'body.activities.0.linkRef', code: 'plans.link_unknown' }),
      expect.objectContaining({ path: 'body.activities.1.linkRef', code: 'plans.link_unknown' }),
    ]);
    const again = json<PlanView>(await as(w.t.app, w.office).get(`/api/plans/${created.id}`));
    expect(again.activities).toHaveLength(0);
  });
});

describe('a cancelled task whose unit comes back into scope', () => {
  it('is open again on the same row when a later version brings the unit back', async () => {
    const a = activity({ unitRoots: [w.units.group], dueDate: '2027-06-30', evidence: 'none' });
    const v1 = await publish(w, (await draftPlan(w, 2027, [a])).id);
    expect(v1.tasksCreated).toBe(3);
    const key = v1.activities[0]!.key;
    const b1 = async () =>
      (
        await w.t.database.db
          .select()
          .from(planTasks)
          .where(and(eq(planTasks.activityKey, key), eq(planTasks.unitId, w.units.deptB1)))
      )[0]!;
    const first = await b1();
    // version 2: site A only, B1 drops out
    const d2 = json<PlanView>(await as(w.t.app, w.office).post('/api/plans', { fiscalYear: 2027, titleJa: 'v2', titleEn: 'v2' }));
    await as(w.t.app, w.office).patch(`/api/plans/${d2.id}`, { activities: [{ ...a, key, unitRoots: [w.units.siteA] }] });
    expect(await publish(w, d2.id)).toMatchObject({ tasksCreated: 0, tasksCancelled: 1 });
    expect((await b1()).status).toBe('cancelled');
    // version 3: the group again, B1 is back
    const d3 = json<PlanView>(await as(w.t.app, w.office).post('/api/plans', { fiscalYear: 2027, titleJa: 'v3', titleEn: 'v3' }));
    await as(w.t.app, w.office).patch(`/api/plans/${d3.id}`, { activities: [{ ...a, key, unitRoots: [w.units.group] }] });
    const v3 = await publish(w, d3.id);
    expect(v3).toMatchObject({ tasksCreated: 1, tasksCancelled: 0 });
    const back = await b1();
    expect(back).toMatchObject({ id: first.id, status: 'open', activityId: v3.activities[0]!.id, doneAt: null });
    const seen = json<{ items: Task[] }>(await as(w.t.app, w.leaderB1).get('/api/plan-tasks?fiscalYear=2027&mine=1')).items;
    expect(seen.map((t) => t.id)).toContain(first.id);
  });
});

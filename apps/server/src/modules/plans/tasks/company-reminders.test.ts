import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config';
import { clearSettingCache } from '../../../platform/settings/effective';
import { as, createUser, json, type TestUser } from '../../../test/app';
import { ids, recipientsOf } from '../../../test/notifications';
import { activity, draftPlan, plansWorld, publish, type PlansWorld } from '../test-world';
import { runPlanReminders } from './job';

/**
 * Per-company reminder rules (issue #22): company C2 under the group company G reminds 30 days before the due date
 * and escalates 2 days after it; G keeps the group's 14 and 7. Each task follows its own company's rule.
 */
let w: PlansWorld;
let c2: string;
let leaderC2: TestUser;
let officeC2: TestUser;
type Problem = { detailCode?: string; errors?: { path: string; code?: string }[] };

beforeAll(async () => {
  w = await plansWorld();
  const post = async (body: unknown) => json<{ id: string }>(await as(w.t.app, w.office).post('/api/org-units', body)).id;
  c2 = await post({ parentId: w.units.group, code: 'C2', kind: 'company', nameJa: '子会社', nameEn: 'Subsidiary' });
  const site = await post({ parentId: c2, code: 'C2-S', kind: 'site', nameJa: '子会社 工場', nameEn: 'Subsidiary plant' });
  const dept = await post({ parentId: site, code: 'C2-D', kind: 'department', nameJa: '子会社 部', nameEn: 'Subsidiary dept' });
  leaderC2 = await createUser(w.t.database, [{ role: 'promotion_leader', orgUnitId: dept }]);
  officeC2 = await createUser(w.t.database, [{ role: 'site_security_office', orgUnitId: site }]);
  const draft = await draftPlan(w, 2026, [
    activity({ unitRoots: [w.units.group], unitKinds: ['department'], dueDate: '2026-06-30', startDate: '2026-04-01' }),
  ]);
  await publish(w, draft.id);
}, 120_000);
afterAll(() => w.t.close());

describe('plan reminders per company', () => {
  it('refuses a company rule that reminds later or escalates later than the group, naming each field', async () => {
    const res = await as(w.t.app, w.office).put(
      `/api/companies/${c2}/settings/plans.reminders`,
      { value: { remindDaysBefore: 5, escalateAfterDays: 30 } },
      { 'if-match': '"0"' },
    );
    expect(res.statusCode).toBe(400);
    const body = json<Problem>(res);
    expect(body.detailCode).toBe('group.stricter_only_detail');
    expect(body.errors).toEqual([
      expect.objectContaining({ path: 'body.value.remindDaysBefore', code: 'validation.too_small' }),
      expect.objectContaining({ path: 'body.value.escalateAfterDays', code: 'validation.too_big' }),
    ]);
  });

  it("reminds and escalates each task by its own company's rule, by mail and in the app", async () => {
    const saved = await as(w.t.app, w.office).put(
      `/api/companies/${c2}/settings/plans.reminders`,
      { value: { remindDaysBefore: 30, escalateAfterDays: 2 } },
      { 'if-match': '"0"' },
    );
    expect(saved.statusCode).toBe(200);
    expect(json(saved)).toMatchObject({ source: 'company', ownVersion: 1 });
    clearSettingCache();
    const config = loadConfig({});
    // 25 days before the due date: only the subsidiary's task (30 days) is reminded; the group's (14 days) is not yet
    expect(await runPlanReminders(w.t.database.db, config, new Date('2026-06-05T00:00:00Z'))).toEqual({
      reminded: 1,
      escalated: 0,
    });
    expect(await recipientsOf(w.t.database.db, 'plan-task.due-soon')).toEqual(ids(leaderC2));
    // 10 days before: the group's tasks now
    const later = await runPlanReminders(w.t.database.db, config, new Date('2026-06-20T00:00:00Z'));
    expect(later.reminded).toBe(3);
    expect(await recipientsOf(w.t.database.db, 'plan-task.due-soon')).toEqual(ids(leaderC2, w.leaderA1, w.leaderB1).sort());
    // 4 days late: the subsidiary escalates after 2 days, the group after 7
    expect(await runPlanReminders(w.t.database.db, config, new Date('2026-07-04T00:00:00Z'))).toEqual({
      reminded: 0,
      escalated: 1,
    });
    expect(await recipientsOf(w.t.database.db, 'plan-task.overdue-escalated')).toEqual(ids(officeC2));
    const rest = await runPlanReminders(w.t.database.db, config, new Date('2026-07-10T00:00:00Z'));
    expect(rest.escalated).toBe(3);
  });
});

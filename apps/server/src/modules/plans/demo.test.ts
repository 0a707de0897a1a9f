import { fiscalYearOf } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';

let t: TestApp;
let lines: string[];
const fy = fiscalYearOf(new Date());
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

type Progress = { totals: { total: number; done: number; late: number }; rows: { key: string; total: number }[] };

describe('plans demo', () => {
  it("publishes this year's plan to every demo department with some units late, and closes last year's", async () => {
    expect(lines.join('\n')).toMatch(/plans: FY\d+ closed/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const list = json<{ fiscalYear: number; status: string }[]>(await as(t.app, office).get('/api/plans'));
    expect(list.map((p) => [p.fiscalYear, p.status])).toEqual([
      [fy, 'published'],
      [fy - 1, 'published'],
    ]);
    const now = json<Progress>(await as(t.app, office).get(`/api/plan-progress?fiscalYear=${fy}&by=site`));
    expect(now.totals.total).toBeGreaterThan(100);
    expect(now.totals.done).toBeGreaterThan(now.totals.total * 0.2);
    expect(now.totals.done).toBeLessThan(now.totals.total * 0.9);
    expect(now.rows.length).toBeGreaterThan(2);
    const last = json<Progress>(await as(t.app, office).get(`/api/plan-progress?fiscalYear=${fy - 1}&by=activity`));
    expect(last.totals.done).toBeGreaterThan(last.totals.total * 0.9);
  });

  it("completes some of this year's tasks from the campaigns their activities link, with a link to the result", async () => {
    expect(lines.join('\n')).toMatch(/plans: .* [1-9]\d* from linked campaigns/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const plan = json<{ id: string; fiscalYear: number; status: string }[]>(await as(t.app, office).get('/api/plans')).find(
      (p) => p.fiscalYear === fy && p.status === 'published',
    )!;
    const acts = json<{ activities: { kind: string; linkKind: string | null; link: { name: { en: string } } | null }[] }>(
      await as(t.app, office).get(`/api/plans/${plan.id}`),
    ).activities;
    expect(acts.filter((a) => a.link).map((a) => a.linkKind)).toEqual(
      expect.arrayContaining(['asset_review', 'partner_campaign', 'training', 'drill']),
    );
    const done = json<{
      items: { doneSource: string | null; evidenceHref: string | null; activity: { linkKind: string | null } }[];
    }>(await as(t.app, office).get(`/api/plan-tasks?fiscalYear=${fy}&status=done&limit=500`)).items;
    const linked = done.filter((d) => d.doneSource === 'linked');
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.every((d) => d.evidenceHref?.startsWith('/'))).toBe(true);
    expect(done.some((d) => d.doneSource === 'manual')).toBe(true);
  });

  it("gives every demo promotion leader their unit's tasks", async () => {
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const unassigned = json<{ items: { assignees: unknown[]; unit: { name: { en: string } } }[] }>(
      await as(t.app, office).get(`/api/plan-tasks?fiscalYear=${fy}&limit=500`),
    ).items.filter((i) => i.assignees.length === 0);
    // only the site-level and company-level activities have no promotion leader
    expect(unassigned.every((i) => !/Department|Division/.test(i.unit.name.en))).toBe(true);
  });
});

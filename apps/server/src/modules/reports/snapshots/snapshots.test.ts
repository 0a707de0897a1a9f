import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { controlsWorld, type ControlsWorld } from '../../controls/test-world';
import { lostLaptop } from '../../incidents/test-world';
import { dashboardSnapshotDays, dashboardSnapshots } from '../tables';
import { daysBefore, RETENTION_DAYS, snapshotSources, takeSnapshots, tokyoDay } from './service';

type Figure = {
  source: string;
  value: number | null;
  previous: number | null;
  history?: { day: string; value: number | null }[];
};
type Dash = { figures: Figure[] };

let w: ControlsWorld;
const fig = (d: Dash, source: string) => d.figures.find((f) => f.source === source)!;
const DAY = 86_400_000;

beforeAll(async () => {
  w = await controlsWorld();
  // Open incidents: one in site A (a department of it), one in site B; plus a near miss in site A.
  for (const [by, unitId, nearMiss] of [
    [w.officeA, w.units.deptA, false],
    [w.officeA, w.units.siteA, true],
    [w.officeB, w.units.siteB, false],
  ] as const) {
    const res = await as(w.t.app, by).post('/api/incidents', lostLaptop({ orgUnitId: unitId, nearMiss, customers: [] }));
    expect(res.statusCode, res.body).toBe(201);
  }
}, 240_000);
afterAll(() => w.t.close());

const rowsOf = (day: string) => w.t.database.db.select().from(dashboardSnapshots).where(eq(dashboardSnapshots.day, day));

describe('daily snapshots', () => {
  it('writes one row per figure and scope (group, company, each site) once a day, each counted in its own scope', async () => {
    const db = w.t.database.db;
    const now = new Date();
    const day = tokyoDay(now);
    expect(await takeSnapshots(db, now)).toBe(4); // the group, company G, sites A and B
    expect(await takeSnapshots(db, now)).toBe(0);
    const rows = await rowsOf(day);
    expect(rows).toHaveLength(4 * snapshotSources().length);
    const open = (key: string) => rows.find((r) => r.scopeKey === key && r.source === 'incidents.open')!.value;
    expect(open('')).toBe(2);
    expect(open(w.units.group)).toBe(2);
    expect(open(w.units.siteA)).toBe(1); // site B's case is not in site A's figure
    expect(open(w.units.siteB)).toBe(1);
    // no department is kept: its head's dashboard has no snapshot trend
    expect(rows.some((r) => r.scopeKey === w.units.deptA)).toBe(false);
  });

  it('writes a day once when two runs overlap, and drops snapshots past retention', async () => {
    const db = w.t.database.db;
    const later = new Date(Date.now() + 3 * DAY);
    const day = tokyoDay(later);
    const old = daysBefore(day, RETENTION_DAYS + 1);
    await db.insert(dashboardSnapshots).values({ scopeKey: '', day: old, source: 'incidents.open', value: 9 });
    const counts = await Promise.all([takeSnapshots(db, later), takeSnapshots(db, later)]);
    expect(counts[0]! + counts[1]!).toBe(4);
    expect(await rowsOf(day)).toHaveLength(4 * snapshotSources().length);
    expect(await db.select().from(dashboardSnapshotDays).where(eq(dashboardSnapshotDays.day, day))).toHaveLength(4);
    expect(await rowsOf(old)).toEqual([]);
    await db.delete(dashboardSnapshots).where(eq(dashboardSnapshots.day, day));
  });

  it("gives the dashboard's open figures their trend and sparkline from their own scope's snapshots", async () => {
    const db = w.t.database.db;
    const today = tokyoDay(new Date());
    const put = (scopeKey: string, back: number, value: number) =>
      db
        .insert(dashboardSnapshots)
        .values({ scopeKey, day: daysBefore(today, back), source: 'incidents.open', value })
        .onConflictDoUpdate({
          target: [dashboardSnapshots.scopeKey, dashboardSnapshots.day, dashboardSnapshots.source],
          set: { value },
        });
    await put(w.units.siteA, 90, 9); // outside the sparkline: its 90 days end with today
    await put(w.units.siteA, 89, 8);
    await put(w.units.siteA, 60, 6);
    await put(w.units.siteA, 31, 5); // the nearest day at least a month back
    await put(w.units.siteA, 10, 3);
    await put(w.units.siteB, 31, 7);
    await put('', 31, 4);

    const a = fig(json<Dash>(await as(w.t.app, w.officeA).get('/api/dashboard')), 'incidents.open');
    expect(a.value).toBe(1);
    expect(a.previous).toBe(5);
    expect(a.history!.map((h) => h.value)).toEqual([8, 6, 5, 3, 1]);
    expect(a.history![0]!.day).toBe(daysBefore(today, 89));
    expect(a.history!.at(-1)!.day).toBe(today);

    const b = fig(json<Dash>(await as(w.t.app, w.officeB).get('/api/dashboard')), 'incidents.open');
    expect(b.previous).toBe(7);
    expect(b.history!.map((h) => h.value)).toEqual([7, 1]);

    const group = fig(json<Dash>(await as(w.t.app, w.ciso).get('/api/dashboard')), 'incidents.open');
    expect(group.previous).toBe(4);
    const narrowed = fig(json<Dash>(await as(w.t.app, w.ciso).get(`/api/dashboard?unitId=${w.units.siteA}`)), 'incidents.open');
    expect(narrowed.previous).toBe(5);

    // an org head's department is no kept scope: no trend rather than a wrong one
    const head = fig(json<Dash>(await as(w.t.app, w.headA).get('/api/dashboard')), 'incidents.open');
    expect(head.previous).toBeNull();
    expect(head.history).toBeUndefined();

    // a snapshot more than a week off the month mark is no "previous month"
    await db
      .delete(dashboardSnapshots)
      .where(and(eq(dashboardSnapshots.scopeKey, w.units.siteB), sql`${dashboardSnapshots.day} < ${today}`));
    await put(w.units.siteB, 45, 7);
    const b2 = fig(json<Dash>(await as(w.t.app, w.officeB).get('/api/dashboard')), 'incidents.open');
    expect(b2.previous).toBeNull();
    expect(b2.history!.map((h) => h.value)).toEqual([7, 1]);
  });
});

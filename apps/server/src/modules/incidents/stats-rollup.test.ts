import type { IncidentStats } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/sql';
import { as, json } from '../../test/app';
import { rebuildIncidentStats } from './stats-rollup';
import { monthStart, tokyoMonth } from './stats-window';
import { incidentWorld, lostLaptop, type IncidentWorld } from './test-world';

let w: IncidentWorld;
const db = () => w.t.database.db;

/**
 * What the roll-up must hold, counted straight from the cases (written apart from the migration's own
 * functions): every case under each unit on its current path, by type, site, cause, severity and open/closed.
 */
const DIRECT_COUNTS = sql`
  SELECT a.id::text AS unit_id, i.reported_month AS month, d.dim, d.key, i.near_miss, count(*)::int AS cases
  FROM incidents i JOIN org_units o ON o.id = i.org_unit_id JOIN org_units a ON o.path LIKE a.path || '%'
  CROSS JOIN LATERAL (VALUES ('type', i.type_id), ('site', coalesce(i.site_id::text, '')), ('cause', coalesce(i.cause_category, '')),
    ('severity', i.severity), ('status', CASE WHEN i.status = 'closed' THEN 'closed' ELSE 'open' END)) d(dim, key)
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;
const DIRECT_TIMES = sql`
  SELECT a.id::text AS unit_id, i.reported_month AS month, m.measure, i.near_miss, array_agg(m.s ORDER BY m.s) AS seconds
  FROM incidents i JOIN org_units o ON o.id = i.org_unit_id JOIN org_units a ON o.path LIKE a.path || '%'
  CROSS JOIN LATERAL (VALUES ('contain', extract(epoch FROM i.contained_at - i.aware_at)::float8),
    ('close', extract(epoch FROM i.closed_at - i.reported_at)::float8)) m(measure, s)
  WHERE m.s IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;

async function expectRollupExact() {
  const counts = await queryRows(
    db(),
    sql`SELECT unit_id::text, month, dim, key, near_miss, cases FROM incident_stats_counts ORDER BY 1, 2, 3, 4, 5`,
  );
  const times = await queryRows(
    db(),
    sql`SELECT unit_id::text, month, measure, near_miss, ARRAY(SELECT unnest(seconds) ORDER BY 1) AS seconds
        FROM incident_stats_durations ORDER BY 1, 2, 3, 4`,
  );
  expect(counts).toEqual(await queryRows(db(), DIRECT_COUNTS));
  expect(times).toEqual(await queryRows(db(), DIRECT_TIMES));
  return counts.length;
}

const stats = async (user = w.office, query = '') =>
  json<IncidentStats>(await as(w.t.app, user).get(`/api/incidents/stats${query}`));
let laptop: string;
let nearMiss: string;
let other: string;

beforeAll(async () => {
  w = await incidentWorld();
});
afterAll(() => w.t.close());

describe('statistics roll-up', () => {
  it('is exact after reports', async () => {
    expect(await expectRollupExact()).toBe(0);
    laptop = json<{ id: string }>(await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop())).id;
    nearMiss = json<{ id: string }>(
      await as(w.t.app, w.colleague).post('/api/incidents', {
        typeId: 'misdelivery',
        nearMiss: true,
        title: 'Almost faxed the wrong number',
        description: 'Caught it before sending',
        discoveredAt: new Date().toISOString(),
      }),
    ).id;
    other = json<{ id: string }>(
      await as(w.t.app, w.helper).post('/api/incidents', { ...lostLaptop({ typeId: 'malware', customers: [] }) }),
    ).id;
    // group, site A, dept A hold the two A cases; group and site B the third: 5 dims each
    expect(await expectRollupExact()).toBeGreaterThan(0);
    expect((await stats()).totals).toEqual({ incidents: 2, nearMisses: 1, open: 3, closed: 0 });
    expect((await stats(w.officeA)).totals).toEqual({ incidents: 1, nearMisses: 1, open: 2, closed: 0 });
  });

  it('is exact after status changes, reclassification, containment and closure', async () => {
    const patch = async (id: string, body: unknown) => {
      const res = await as(w.t.app, w.office).patch(`/api/incidents/${id}`, body);
      expect(res.statusCode, res.body).toBe(200);
      await expectRollupExact();
    };
    await patch(laptop, { status: 'initial_response' });
    await patch(laptop, { typeId: 'leakage', severity: 'critical' });
    await patch(laptop, { containedAt: new Date(Date.now() - 1800_000).toISOString(), causeCategory: 'rule_violation' });
    const decided = async (incidentId: string) =>
      json<{ id: string; doneAt: string | null }[]>(await as(w.t.app, w.office).get(`/api/incidents/${incidentId}/tasks`))
        .filter((t) => !t.doneAt)
        .map((t) => ({ taskId: t.id, decision: 'done' }));
    await patch(nearMiss, { causeCategory: 'human_error', status: 'closed', taskDecisions: await decided(nearMiss) });
    await patch(nearMiss, { status: 'investigation', reason: 'a second fax turned up' });
    await patch(nearMiss, { status: 'closed' });
    await patch(other, { orgUnitId: w.units.siteA, nearMiss: true });
    const s = await stats();
    expect(s.totals).toEqual({ incidents: 1, nearMisses: 2, open: 2, closed: 1 });
    expect(s.byType.find((b) => b.key === 'leakage')).toMatchObject({ incidents: 1, nearMisses: 0 });
    expect(s.bySeverity.find((b) => b.key === 'critical')).toMatchObject({ incidents: 1 });
    expect(s.byCause.map((c) => c.key).sort()).toEqual(['human_error', 'none', 'rule_violation']);
    expect(s.timeToContainHours.median).toBeCloseTo(0.5, 0);
    expect(s.timeToCloseDays.median).toBe(0);
    // moved into site A: its office counts it now, site B's office no longer
    expect((await stats(w.officeA)).totals.nearMisses).toBe(2);
    expect((await stats(w.officeB)).totals).toEqual({ incidents: 0, nearMisses: 0, open: 0, closed: 0 });
  });

  it('follows a unit moved in the tree, with its cases', async () => {
    const res = await as(w.t.app, w.office).patch(`/api/org-units/${w.units.deptA}`, { parentId: w.units.siteB });
    expect(res.statusCode, res.body).toBe(200);
    await expectRollupExact();
    expect((await stats(w.officeB)).totals).toMatchObject({ incidents: 1, nearMisses: 1 });
    expect((await stats(w.officeA)).totals).toMatchObject({ incidents: 0, nearMisses: 1 });
    expect((await stats(w.office, `?orgUnitId=${w.units.deptA}`)).totals).toMatchObject({ incidents: 1, nearMisses: 1 });
    // a site office asking about a unit outside its scope counts nothing
    expect((await stats(w.officeA, `?orgUnitId=${w.units.deptA}`)).totals.incidents).toBe(0);
  });

  it('counts partial months at the ends of a period from the cases, whole months from the roll-up', async () => {
    // Put the laptop three months back, mid-month (the trigger moves its counts).
    const back = monthStart(tokyoMonth(new Date(Date.now() - 92 * 86_400_000)));
    const at = new Date(back.getTime() + 10 * 86_400_000);
    await db().execute(
      sql`UPDATE incidents SET reported_at = ${at.toISOString()}, reported_month = ${tokyoMonth(at)} WHERE id = ${laptop}`,
    );
    await expectRollupExact();
    const total = async (query: string) => {
      const t = (await stats(w.office, query)).totals;
      return t.incidents + t.nearMisses;
    };
    const iso = (d: Date) => encodeURIComponent(d.toISOString());
    expect(await total('')).toBe(3);
    expect(await total(`?from=${iso(back)}`)).toBe(3); // whole months only
    expect(await total(`?from=${iso(new Date(at.getTime() + 1))}`)).toBe(2); // the laptop's month is partial: 1 ms too late
    expect(await total(`?from=${iso(at)}`)).toBe(3);
    expect(await total(`?from=${iso(back)}&to=${iso(at)}`)).toBe(0); // to is exclusive
    expect(await total(`?from=${iso(new Date(back.getTime() - 86_400_000))}&to=${iso(new Date(at.getTime() + 1))}`)).toBe(1);
    expect(await total(`?to=${iso(monthStart(tokyoMonth(new Date())))}`)).toBe(1);
    const months = (await stats()).byMonth.map((m) => m.key);
    expect(months).toEqual([tokyoMonth(at), tokyoMonth(new Date())]);
  });

  it('is repaired by the rebuild, which tells how many rows were wrong', async () => {
    await db().execute(sql`ALTER TABLE incidents DISABLE TRIGGER incident_stats_on_update`);
    await db().execute(sql`UPDATE incidents SET type_id = 'other' WHERE id = ${nearMiss}`);
    await db().execute(sql`ALTER TABLE incidents ENABLE TRIGGER incident_stats_on_update`);
    await db().execute(sql`DELETE FROM incident_stats_durations WHERE measure = 'contain'`);
    await expect(expectRollupExact()).rejects.toThrow();
    const repaired = await rebuildIncidentStats(db());
    expect(repaired.cases).toBe(3);
    expect(repaired.wrong).toBeGreaterThan(0);
    await expectRollupExact();
    expect(await rebuildIncidentStats(db())).toEqual({ cases: 3, wrong: 0 });
    const [event] = await queryRows<{ action: string; after: unknown }>(
      db(),
      sql`SELECT action, after FROM audit_events ORDER BY seq DESC LIMIT 1`,
    );
    expect(event).toEqual({ action: 'incident_stats.rebuild', after: { cases: 3, wrong: 0 } });
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/sql';
import { as, createUser, json, type TestUser } from '../../../test/app';
import { incidentWorld, lostLaptop, type IncidentWorld } from '../../incidents/test-world';
import { makePartner } from '../testing';

/** Migration 0014: reports stored in partner_incidents (before the incident module) become incidents. */
const MIGRATION = readFileSync(
  fileURLToPath(new URL('../../../db/migrations/0014_incident_partner_reports_data.sql', import.meta.url)),
  'utf8',
);
const LEGACY_TABLE = sql`CREATE TABLE partner_incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), partner_id uuid NOT NULL REFERENCES partners(id), kind text NOT NULL,
  description text NOT NULL, discovered_at timestamptz NOT NULL, reported_at timestamptz NOT NULL DEFAULT now(),
  within_agreed_time boolean NOT NULL, involves_our_information boolean NOT NULL, reported_by uuid,
  status text NOT NULL DEFAULT 'received')`;

let w: IncidentWorld;
let p: { id: string };
let user: TestUser;
const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];

beforeAll(async () => {
  w = await incidentWorld();
  p = await makePartner(w.t.app, w.office, 'P', { orgUnitIds: [w.units.deptA] });
  user = await createUser(w.t.database, [{ role: 'partner_user' }], { partnerId: p.id });
  await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop()); // numbering continues after it
  const db = w.t.database.db;
  await db.execute(LEGACY_TABLE);
  await db.execute(sql`INSERT INTO partner_incidents (id, partner_id, kind, description, discovered_at, within_agreed_time,
      involves_our_information, reported_by, status) VALUES
    (${ids[0]}, ${p.id}, 'leak', '設計書をメールで誤送信', now() - interval '30 hours', false, true, ${user.id}, 'acknowledged'),
    (${ids[1]}, ${p.id}, 'other', 'Visitor badge lost', now() - interval '2 hours', true, false, NULL, 'received')`);
  await db.transaction(async (tx) => {
    for (const statement of MIGRATION.split('--> statement-breakpoint')) await tx.execute(sql.raw(statement));
  });
  // the migration drops the old table itself
  const left = await db.execute(sql`SELECT to_regclass('partner_incidents') AS t`);
  expect((left as unknown as { rows: { t: string | null }[] }).rows[0]!.t).toBeNull();
});
afterAll(() => w.t.close());

describe('partner reports kept before the incident module', () => {
  it('become incidents with the same ids, numbered after the existing cases, in the partner’s unit', async () => {
    const rows = await queryRows<Record<string, unknown>>(
      w.t.database.db,
      sql`SELECT id::text, number, type_id, severity, status, org_unit_id::text, reporter_id::text, partner_id::text, partner_report
          FROM incidents WHERE partner_id IS NOT NULL ORDER BY reported_at, id`,
    );
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Tokyo', year: 'numeric' }).format(new Date());
    expect(rows.map((r) => r.number).sort()).toEqual([`INC-${year}-00002`, `INC-${year}-00003`]);
    expect(rows.find((r) => r.id === ids[0])).toMatchObject({
      type_id: 'leakage',
      severity: 'high',
      status: 'initial_response',
      org_unit_id: w.units.deptA,
      reporter_id: user.id,
      partner_id: p.id,
      partner_report: { kind: 'leak', involvesOurInformation: true, withinAgreedTime: false, agreedHours: 24 },
    });
    // no reporter recorded: the company's first account stands in
    expect(rows.find((r) => r.id === ids[1])).toMatchObject({ type_id: 'other', status: 'reported', reporter_id: user.id });
    const next = await as(w.t.app, w.colleague).post('/api/incidents', lostLaptop());
    expect(json<{ number: string }>(next).number).toBe(`INC-${year}-00004`);
  });

  it('are seen by the partner with their step, worked by the office, and counted in the statistics', async () => {
    const list = json<{ items: { id: string; caseStatus: string; status: string }[] }>(
      await as(w.t.app, user).get('/api/partner-incidents'),
    );
    expect(list.items.map((i) => [i.id, i.status, i.caseStatus])).toEqual([
      [ids[1], 'received', 'reported'],
      [ids[0], 'acknowledged', 'initial_response'],
    ]);
    const timeline = json<{ kind: string }[]>(await as(w.t.app, w.officeA).get(`/api/incidents/${ids[0]}/timeline`));
    expect(timeline.map((e) => e.kind)).toEqual(['report']);
    const patch = await as(w.t.app, w.officeA).patch(`/api/incidents/${ids[0]}`, { status: 'investigation' });
    expect(patch.statusCode, patch.body).toBe(200);
    const stats = json<{ totals: { incidents: number } }>(await as(w.t.app, w.officeA).get('/api/incidents/stats'));
    expect(stats.totals.incidents).toBe(4);
  });
});

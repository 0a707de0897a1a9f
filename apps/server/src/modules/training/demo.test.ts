import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/sql';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';
import { demoOperatingCompanies, demoSites } from '../org/demo-data';

let t: TestApp;
beforeAll(async () => {
  t = await createDemoTestApp();
}, 300_000);
afterAll(() => t.close());

describe('the training demo', () => {
  it('gives every active demo person assignments with realistic completion, pledges and self-check answers', async () => {
    const [r] = await queryRows<{
      without: number;
      passed: number;
      overdue: number;
      total: number;
      signatures: number;
      answers: number;
      courses: number;
    }>(
      t.database.db,
      sql`SELECT
        (SELECT count(*) FROM people p WHERE p.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM training_assignments a WHERE a.person_id = p.id))::int AS without,
        (SELECT count(*) FROM training_assignments WHERE status = 'passed')::int AS passed,
        (SELECT count(*) FROM training_assignments WHERE status IN ('assigned', 'in_progress') AND due_on < current_date)::int AS overdue,
        (SELECT count(*) FROM training_assignments)::int AS total,
        (SELECT count(*) FROM pledge_signatures)::int AS signatures,
        (SELECT count(*) FROM self_check_responses)::int AS answers,
        (SELECT count(*) FROM training_courses WHERE published_version IS NOT NULL)::int AS courses`,
    );
    expect(r!.without).toBe(0);
    expect(r!.courses).toBe(11);
    expect(r!.passed / r!.total).toBeGreaterThan(0.6);
    expect(r!.overdue).toBeGreaterThan(0);
    expect(r!.signatures).toBeGreaterThan(100);
    expect(r!.answers).toBeGreaterThan(100);
  });

  it('has sent the reminders of the daily pass: due soon, overdue, the org heads told, pledges to sign', async () => {
    const rows = await queryRows<{ kind: string; n: number }>(
      t.database.db,
      sql`SELECT kind, count(*)::int AS n FROM notifications
           WHERE kind IN ('training.overdue', 'training.overdue-escalated', 'pledge.to-sign') GROUP BY kind`,
    );
    const n = Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
    expect(n['training.overdue']).toBeGreaterThan(0);
    expect(n['training.overdue-escalated']).toBeGreaterThan(0);
    expect(n['pledge.to-sign']).toBeGreaterThan(0);
  });

  it('shows the security office a completion figure for every site', async () => {
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const sites = json<{ rows: { assigned: number; passed: number }[] }>(
      await as(t.app, office).get('/api/training-completion?by=site'),
    );
    // the holding's four sites and one of each operating company (issue #22)
    expect(sites.rows.length).toBe(demoSites.length + demoOperatingCompanies.length);
    for (const s of sites.rows) expect(s.passed).toBeGreaterThan(0);
  });
});

import { count, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../db/sql';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { loadDemo } from '../demo/load';
import { validateCsaf } from '../modules/vulnerabilities/advisories/csaf';
import { accountRequests } from '../modules/accounts/tables';
import { verifyPassword } from '../platform/auth/password';
import { demoOperatingCompanies, demoSites } from '../modules/org/demo-data';
import { orgUnits, people } from '../modules/org/tables';
import { incidents } from '../modules/incidents/tables';
import { components, products } from '../modules/products/tables';
import { advisories } from '../modules/vulnerabilities/tables';
import { roleAssignments, users } from '../platform/auth/tables';
import { verifyAuditChain } from '../platform/audit/verify';
import { createDemoTestDatabase } from '../test/demo';

let database: Database;
let lines: string[];
// The demo publishes advisories, which loads the BSI CSAF validator (seconds, more on a busy machine): loaded
// once here, outside the demo's own time limit.
beforeAll(() => validateCsaf({}), 180_000);

// The run's demo template (test/demo.ts) is what `loadDemo` made on a migrated database: checking a copy of it checks
// the loaders' output without loading the whole group a second time in this file.
beforeAll(async () => {
  ({ lines, ...database } = await createDemoTestDatabase());
}, 300_000); // the first file to want the template makes it: a minute or more on a busy machine
afterAll(() => database?.close());

const n = async (table: PgTable, where?: SQL) => (await database.db.select({ n: count() }).from(table).where(where))[0]!.n;

/** People of the operating companies, beside the holding's 400 (issue #22). */
const companyPeople = demoOperatingCompanies.reduce((sum, c) => sum + c.site.headcount, 0);

describe('mamori demo load', () => {
  it('creates the demo group, every record with its audit event', async () => {
    const units = await database.db.select({ kind: orgUnits.kind, n: count() }).from(orgUnits).groupBy(orgUnits.kind);
    const byKind = Object.fromEntries(units.map((u) => [u.kind, u.n]));
    // the holding (with its four sites) and its operating companies, one site each (issue #22)
    const companies = demoOperatingCompanies.length;
    expect(byKind).toMatchObject({ company: 1 + companies, site: demoSites.length + companies });
    expect(byKind.department).toBeGreaterThanOrEqual(12);
    expect(byKind.section).toBeGreaterThanOrEqual(byKind.department! * 2);
    expect(await n(people)).toBe(400 + companyPeople);
    // the holding's 60, and per operating company its CISO, office, site office, two heads and two leaders
    const companyAccounts = companies * 7;
    expect(await n(users, eq(users.kind, 'internal'))).toBe(60 + companyAccounts);
    expect(await n(accountRequests)).toBe(3);
    const roles = await database.db.selectDistinct({ role: roleAssignments.role }).from(roleAssignments);
    expect(roles.map((r) => r.role).sort()).toEqual([
      'auditor',
      'ciso',
      'csirt_member',
      'employee',
      'fsirt_member',
      'org_head',
      'partner_user',
      'privacy_officer',
      'promotion_leader',
      'psirt_member',
      'security_office',
      'site_security_office',
      'system_admin',
    ]);
    // every record a loader writes has its audit event, in a chain that verifies
    const chain = await verifyAuditChain(database.db);
    expect(chain.ok).toBe(true);
    expect(chain.count).toBeGreaterThanOrEqual(
      (await n(orgUnits)) + 400 + companyPeople + 60 + companyAccounts + (await n(roleAssignments)) + 3 + (await n(incidents)),
    );
    for (const [table, type] of [
      ['org_units', 'org_unit'],
      ['people', 'person'],
      ['users', 'user'],
      ['incidents', 'incident'],
      ['products', 'product'],
      ['vulnerabilities', 'vulnerability'],
    ] as const) {
      const missing = await queryRows<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} t
            WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.target_type = ${type} AND a.target_id = t.id::text)`,
      );
      expect({ table, missing: missing[0]!.n }).toEqual({ table, missing: 0 });
    }
    expect(lines.join('\n')).toContain('demo-password-2026');
  });

  it('has people who left, moved lately, and inactive accounts', async () => {
    expect((await database.db.select().from(people).where(eq(people.status, 'left'))).length).toBeGreaterThanOrEqual(3);
    const all = await database.db.select().from(users);
    const old = all.filter((u) => u.lastActiveAt && Date.now() - u.lastActiveAt.getTime() > 180 * 86_400_000);
    expect(old.length).toBeGreaterThanOrEqual(3);
    expect(new Set(all.map((u) => u.passwordHash)).size).toBe(1); // hashed once
    expect(await verifyPassword(all[0]!.passwordHash, 'demo-password-2026')).toBe(true);
  });

  it('has products with SBOMs, vulnerability cases and published advisories', async () => {
    expect(await n(products)).toBeGreaterThanOrEqual(8);
    expect(await n(components)).toBeGreaterThan(20);
    expect(await n(advisories)).toBe(3);
    expect(lines.join('\n')).toContain('advisories: 3');
  });

  it('refuses a second run', async () => {
    await expect(loadDemo(database.db)).rejects.toThrow(/already loaded/);
    expect(await n(people)).toBe(400 + companyPeople);
  });
});

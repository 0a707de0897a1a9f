import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { loadDemo } from '../demo/load';
import { accountRequests } from '../modules/accounts/tables';
import { verifyPassword } from '../platform/auth/password';
import { orgUnits, people } from '../modules/org/tables';
import { incidents } from '../modules/incidents/tables';
import { roleAssignments, users } from '../platform/auth/tables';
import { verifyAuditChain } from '../platform/audit/verify';
import { createTestDatabase } from '../test/db';

let database: Database;
let lines: string[];
beforeAll(async () => {
  database = await createTestDatabase();
  ({ lines } = await loadDemo(database.db));
});
afterAll(() => database?.close());

const n = async (table: PgTable) => (await database.db.select({ n: count() }).from(table))[0]!.n;

describe('mamori demo load', () => {
  it('creates the demo group, every record with its audit event', async () => {
    const units = await database.db.select({ kind: orgUnits.kind, n: count() }).from(orgUnits).groupBy(orgUnits.kind);
    const byKind = Object.fromEntries(units.map((u) => [u.kind, u.n]));
    expect(byKind).toMatchObject({ company: 1, site: 4 });
    expect(byKind.department).toBeGreaterThanOrEqual(12);
    expect(byKind.section).toBeGreaterThanOrEqual(byKind.department! * 2);
    expect(await n(people)).toBe(400);
    expect(await n(users)).toBe(60);
    expect(await n(accountRequests)).toBe(3);
    const roles = await database.db.selectDistinct({ role: roleAssignments.role }).from(roleAssignments);
    expect(roles.map((r) => r.role).sort()).toEqual([
      'auditor',
      'ciso',
      'csirt_member',
      'employee',
      'org_head',
      'promotion_leader',
      'psirt_member',
      'security_office',
      'site_security_office',
      'system_admin',
    ]);
    // one event per record each loader writes: units, people, accounts, roles, requests, incidents
    const records = (await n(orgUnits)) + 400 + 60 + (await n(roleAssignments)) + 3 + (await n(incidents));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: records });
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

  it('refuses a second run', async () => {
    await expect(loadDemo(database.db)).rejects.toThrow(/already loaded/);
    expect(await n(people)).toBe(400);
  });
});

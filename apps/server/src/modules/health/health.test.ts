import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMigrationMillis } from '../../db/migration-state';
import { createTestApp, type TestApp } from '../../test/app';

describe('health and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('/api/health/ready answers 200 when the database answers and holds every shipped migration', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', db: t.database.kind });
  });

  it('is 503 (problem+json, in the reader language) while the database lacks the newest migration', async () => {
    await t.database.db.execute(sql`UPDATE drizzle.__drizzle_migrations SET created_at = created_at - 1
      WHERE created_at = ${latestMigrationMillis()}`);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/health/ready', headers: { 'accept-language': 'ja' } });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ type: '/problems/not-ready', detailCode: 'problem.not_ready_migrations' });
      expect(res.json().detail).toContain('データベース');
      // liveness is not readiness: the process still answers
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await t.database.db.execute(sql`UPDATE drizzle.__drizzle_migrations SET created_at = ${latestMigrationMillis()}
        WHERE created_at = ${latestMigrationMillis() - 1}`);
    }
  });

  it('is 503 when the database cannot be reached', async () => {
    const other = await createTestApp();
    await other.database.close();
    const res = await other.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ detailCode: 'problem.not_ready_database' });
    await other.app.close();
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { createTestDatabase } from '../../test/db';
import { testConfig } from '../../test/app';
import { inTransaction } from '../tx';
import { systemActor } from '../audit/record';
import { queueMail } from '../mail/outbox';
import { mailOutbox } from '../mail/tables';
import { platformJobs, platformSchedules } from './registry';
import { startJobRunner } from './runner';
import { jobs } from './tables';

let database: Database;
const log = { info() {}, warn() {}, error() {}, debug() {} } as never;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('job runner', () => {
  it('delivers a mail queued in a committed transaction, and nothing from a rolled-back one', async () => {
    const ctx = { db: database.db, actor: systemActor('test'), principal: null };
    await inTransaction(ctx, (tx) => queueMail(tx, { to: 'a@example.test', subject: 's', body: 'b' }));
    await expect(
      inTransaction(ctx, async (tx) => {
        await queueMail(tx, { to: 'b@example.test', subject: 's', body: 'b' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const runner = startJobRunner({
      db: database.db,
      config: testConfig(),
      log,
      autoStart: false,
      jobs: platformJobs,
      schedules: platformSchedules,
    });
    await runner.drain();
    await runner.stop();
    const mails = await database.db.select().from(mailOutbox);
    expect(mails.map((m) => [m.to, m.status])).toEqual([['a@example.test', 'logged']]);
  });

  it('retries a failing job later and marks it failed after its last attempt', async () => {
    await database.db.insert(jobs).values({ kind: 'no.such.kind', payload: {}, maxAttempts: 2 });
    const runner = startJobRunner({
      db: database.db,
      config: testConfig(),
      log,
      autoStart: false,
      jobs: platformJobs,
      schedules: platformSchedules,
    });
    await runner.drain();
    const [first] = await database.db.select().from(jobs).where(eq(jobs.kind, 'no.such.kind'));
    expect(first).toMatchObject({ status: 'queued', attempts: 1 });
    expect(first!.runAt.getTime()).toBeGreaterThan(Date.now());
    await database.db
      .update(jobs)
      .set({ runAt: new Date(0) })
      .where(eq(jobs.id, first!.id));
    await runner.drain();
    await runner.stop();
    const [last] = await database.db.select().from(jobs).where(eq(jobs.id, first!.id));
    expect(last).toMatchObject({ status: 'failed', attempts: 2 });
    expect(last!.lastError).toContain('no handler');
  });

  it('enqueues each schedule once per period, however often it ticks', async () => {
    const runner = startJobRunner({
      db: database.db,
      config: testConfig(),
      log,
      autoStart: false,
      jobs: platformJobs,
      schedules: platformSchedules,
    });
    await runner.drain();
    await runner.drain();
    await runner.stop();
    const purges = await database.db.select().from(jobs).where(eq(jobs.kind, 'sessions.purge'));
    expect(purges).toHaveLength(1);
    expect(purges[0]!.status).toBe('done');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/client';
import { latestMigrationMillis } from './db/migration-state';
import { queryRows } from './db/sql';
import { queueMail } from './platform/mail/outbox';
import { emptyPostgresDatabase, spawnMamori, startSmtpCounter, waitReady, type MamoriProcess } from './test/processes';

/**
 * Three real `mamori start` processes on one PostgreSQL database (issue 16, "Many processes, one PostgreSQL"). PGlite
 * belongs to one process, so the test needs TEST_DATABASE_URL (CI sets it).
 */
const server = process.env.TEST_DATABASE_URL;
if (!server)
  process.stdout.write('three-processes.test.ts skipped: it needs TEST_DATABASE_URL (PGlite belongs to one process)\n');

const dir = mkdtempSync(join(tmpdir(), 'mamori-3p-'));
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const LIMIT = 6;
const MAILS = 24;

describe.skipIf(!server)('three processes on one PostgreSQL', () => {
  it('migrate once, share sessions and the sign-in limit, and run each job once', { timeout: 90_000 }, async () => {
    const database = await emptyPostgresDatabase(server!);
    cleanup.push(database.drop);
    const smtp = await startSmtpCounter();
    cleanup.push(smtp.close);

    // Started together on an empty database: each applies the migrations under one advisory lock.
    const procs: MamoriProcess[] = await Promise.all(
      [1, 2, 3].map((i) =>
        spawnMamori({
          DATABASE_URL: database.url,
          MAMORI_DATA_DIR: join(dir, `p${i}`),
          MAMORI_SIGNIN_RATE_LIMIT: String(LIMIT),
          MAMORI_SMTP_URL: smtp.url,
        }),
      ),
    );
    cleanup.push(async () => procs.forEach((p) => p.child.kill('SIGKILL')));
    await Promise.all(procs.map((p) => waitReady(p)));
    const [a, b, c] = procs as [MamoriProcess, MamoriProcess, MamoriProcess];

    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    cleanup.push(() => check.end());
    const applied = await check.query<{ n: string; distinct_n: string; latest: string }>(
      'SELECT count(*) AS n, count(DISTINCT hash) AS distinct_n, max(created_at) AS latest FROM drizzle.__drizzle_migrations',
    );
    expect(applied.rows[0]!.n).toBe(applied.rows[0]!.distinct_n); // each migration recorded once
    expect(Number(applied.rows[0]!.latest)).toBe(latestMigrationMillis());

    // A session created on one process is valid on the others.
    const setup = await fetch(`${a.base}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'three@example.test', password: 'blue-kettle-harbour-42', name: 'Three' }),
    });
    expect(setup.status).toBe(200);
    const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
    for (const p of [b, c]) {
      const me = await fetch(`${p.base}/api/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ user: { email: 'three@example.test' } });
    }

    // The sign-in limit is one allowance per client address, whichever process answers.
    const codes: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) {
      const res = await fetch(`${procs[i % 3]!.base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `guess${i}@example.test`, password: 'not-the-password-1' }),
      });
      codes.push(res.status);
    }
    expect(codes).toEqual([...Array<number>(LIMIT).fill(401), 429, 429, 429]);

    // Mails queued once are delivered once, by whichever process claims each job.
    const writer = await openDatabase({ url: database.url, migrate: false, poolSize: 1 });
    for (let i = 0; i < MAILS; i++) await queueMail(writer.db, { to: `m${i}@example.test`, subject: `Once ${i}`, body: 'x' });
    const until = Date.now() + 30_000;
    let pending = MAILS;
    while (pending > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      const [row] = await queryRows<{ pending: number }>(
        writer.db,
        sql`SELECT count(*)::int AS pending FROM mail_outbox WHERE status <> 'sent'`,
      );
      pending = row!.pending;
    }
    // this test's mails only: the processes' own schedules may send theirs too (the ID review is due on some days)
    // (every mail is framed on its way to the outbox: the default template puts the `[Mamori]` tag before its subject)
    const subjects = smtp.received
      .map((raw) => /^Subject: \[Mamori\] (.*)$/m.exec(raw)?.[1])
      .filter((s) => s?.startsWith('Once '));
    expect(subjects.sort()).toEqual(Array.from({ length: MAILS }, (_, i) => `Once ${i}`).sort());
    const runs = await queryRows<{ kind: string; attempts: number; status: string }>(
      writer.db,
      sql`SELECT kind, attempts, status FROM jobs WHERE kind IN ('mail.deliver', 'sessions.purge', 'throttle.purge')`,
    );
    await writer.close();
    // one delivery job per mail received (this test's and any the schedules sent), none run twice
    expect(runs.filter((r) => r.kind === 'mail.deliver')).toHaveLength(smtp.received.length);
    // each scheduled run was enqueued once by three processes (one row per period) and claimed once
    expect(runs.filter((r) => r.kind === 'sessions.purge').length).toBeLessThanOrEqual(2); // 2 if the hour turned
    for (const r of runs) expect(r).toMatchObject({ status: 'done', attempts: 1 });

    for (const p of procs) p.child.kill('SIGTERM');
    expect(await Promise.all(procs.map((p) => p.exited))).toEqual([0, 0, 0]);
  });
});

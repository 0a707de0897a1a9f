import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './db/client';
import { jobs } from './platform/jobs/tables';
import { queueMail } from './platform/mail/outbox';
import { mailOutbox } from './platform/mail/tables';
import { openTestDataDir } from './test/db';
import { emptyPostgresDatabase, spawnMamori, startSmtpCounter, waitReady } from './test/processes';

const dir = mkdtempSync(join(tmpdir(), 'mamori-drain-'));
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

/** The database the child will use: a PGlite directory, or a new database on TEST_DATABASE_URL's server. */
async function seededDatabase(): Promise<{ env: Record<string, string>; reopen(): Promise<Database> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const dataDir = join(dir, 'data');
    await (await openTestDataDir(dataDir)).close();
    return { env: { MAMORI_DATA_DIR: dataDir }, reopen: () => openDatabase({ dataDir, migrate: false }) };
  }
  const fresh = await emptyPostgresDatabase(server);
  cleanup.push(fresh.drop);
  await (await openDatabase({ url: fresh.url, poolSize: 1 })).close();
  return {
    env: { DATABASE_URL: fresh.url, MAMORI_DATA_DIR: dir },
    reopen: () => openDatabase({ url: fresh.url, migrate: false }),
  };
}

/**
 * A POST in flight on the server: sent with `Expect: 100-continue`, so the server's "100 Continue" says it has read the
 * headers and holds the request; then half the body, the rest when the test calls `finish`.
 */
async function halfSentRequest(url: string, body: string) {
  const bytes = Buffer.from(body);
  let answer: (r: { status: number; body: string }) => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  const response = new Promise<{ status: number; body: string }>((ok, ko) => ((answer = ok), (fail = ko)));
  const req = request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': bytes.length, expect: '100-continue' },
  });
  req.on('response', (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => answer({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
  });
  req.on('error', fail);
  req.flushHeaders();
  await new Promise<void>((ok) => req.once('continue', () => ok()));
  req.write(bytes.subarray(0, 10));
  return { response, finish: () => req.end(bytes.subarray(10)) };
}

describe('SIGTERM drains the process', () => {
  it('finishes the request in flight and the running job, refuses new work, then exits 0', { timeout: 90_000 }, async () => {
    const seeded = await seededDatabase();
    const smtp = await startSmtpCounter({ hold: true });
    cleanup.push(smtp.close);
    {
      const db = await seeded.reopen();
      await queueMail(db.db, { to: 'drain@example.test', subject: 'Drain', body: 'held by the test SMTP server' });
      await db.close();
    }
    const p = await spawnMamori({ ...seeded.env, MAMORI_SMTP_URL: smtp.url });
    await waitReady(p);
    await smtp.dataSeen; // the mail.deliver job is now inside its handler, waiting for the SMTP server's answer
    const inFlight = await halfSentRequest(
      `${p.base}/api/auth/sign-in`,
      JSON.stringify({ email: 'nobody@example.test', password: 'not-the-password-1' }),
    );

    p.child.kill('SIGTERM');
    const early = await Promise.race([p.exited.then(() => 'exited'), new Promise((r) => setTimeout(() => r('waiting'), 700))]);
    expect(early, p.stderr()).toBe('waiting'); // held by the request and the job
    const fresh = await fetch(`${p.base}/api/health/ready`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(fresh).not.toBe(200); // a load balancer sees it leave

    inFlight.finish();
    expect((await inFlight.response).status).toBe(401); // answered, not cut off
    smtp.release();
    expect(await p.exited, p.stderr()).toBe(0);
    expect(smtp.received).toHaveLength(1);

    const db = await seeded.reopen();
    try {
      const [mail] = await db.db.select().from(mailOutbox);
      expect(mail!.status).toBe('sent');
      const [job] = await db.db.select().from(jobs).where(eq(jobs.kind, 'mail.deliver'));
      expect(job).toMatchObject({ status: 'done', attempts: 1 });
    } finally {
      await db.close();
    }
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

/** Real `mamori` processes for tests of the process itself: start-up, draining, several processes on one database. */

const bin = fileURLToPath(new URL('../../bin/mamori.mjs', import.meta.url));

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export interface MamoriProcess {
  child: ChildProcess;
  base: string;
  /** what the process wrote on stderr, for failure messages */
  stderr(): string;
  exited: Promise<number | null>;
}

/** Spawns `mamori start` on a free port with the given environment (on top of the test's own). */
export async function spawnMamori(env: Record<string, string>): Promise<MamoriProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-old-space-size=1536', bin, 'start'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MAMORI_LOG_LEVEL: 'warn',
      MAMORI_WEB_DIST: '/nonexistent',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, base: `http://127.0.0.1:${port}`, stderr: () => err, exited };
}

/** Waits until the process answers `/api/health/ready` with 200 (or throws with its stderr). */
export async function waitReady(p: MamoriProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exited = false;
  void p.exited.then(() => (exited = true));
  while (Date.now() < until && !exited) {
    const ok = await fetch(`${p.base}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  p.child.kill('SIGKILL');
  throw new Error(`mamori did not become ready:\n${p.stderr()}`);
}

/** A new, empty database on the test's PostgreSQL server; `drop` removes it (connections closed first). */
export async function emptyPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mamori_proc_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A real SMTP server that counts what it receives. With `hold`, each mail's DATA is answered only once `release()`
 * is called: a `mail.deliver` job is then running for as long as the test wants.
 */
export async function startSmtpCounter(opts: { hold?: boolean } = {}) {
  const received: string[] = [];
  let onData: () => void = () => undefined;
  const dataSeen = new Promise<void>((resolve) => (onData = resolve));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        onData();
        void (opts.hold ? released : Promise.resolve()).then(() => {
          received.push(Buffer.concat(chunks).toString('utf8'));
          done();
        });
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** resolves when the first mail's data has arrived (the job is now inside its handler) */
    dataSeen,
    release,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

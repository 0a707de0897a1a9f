import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDataDir } from './test/db';
import { skipOnPostgres } from './test/engine';

const SKIP = skipOnPostgres('server.test.ts');

const bin = fileURLToPath(new URL('../bin/mamori.mjs', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'mamori-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
// From the run's migrated template: a cold start applying every migration again on PGlite took 10–40 s of the suite
// (first starts and their migrations are tested by three-processes.test.ts and the migration tests).
beforeAll(async () => {
  if (!SKIP) await (await openTestDataDir(dataDir)).close();
}, 120_000);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function start(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MAMORI_DATA_DIR: dataDir,
      MAMORI_LOG_LEVEL: 'warn',
      MAMORI_WEB_DIST: '/nonexistent',
      DATABASE_URL: '',
    },
    stdio: 'ignore',
  });
  // up to 90 s: a loaded machine (CI beside other work) slows the start
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe.skipIf(SKIP)('the server process', () => {
  it(
    'keeps committed data and never half an import when killed with SIGKILL, and drains on SIGTERM',
    { timeout: 120_000 },
    async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}/api`;
      let server = await start(port);
      const setup = await fetch(`${base}/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'crash@example.test', password: 'blue-kettle-harbour-42', name: 'Crash' }),
      });
      const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await setup.json()) as { csrfToken: string };
      const headers = { cookie, 'x-csrf-token': csrfToken };
      const unit = await fetch(`${base}/org-units`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ parentId: null, code: 'G', kind: 'company', nameJa: 'グループ', nameEn: 'Group' }),
      });
      expect(unit.status).toBe(201);

      const rows = Array.from({ length: 20_000 }, (_, i) => `K${i},社員 ${i},Person ${i},,employee,G,`);
      const csv = `employee_no,name_ja,name_en,email,kind,org_code,status\n${rows.join('\n')}\n`;
      const pending = fetch(`${base}/people/import`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body: csv,
      }).catch(() => null);
      await new Promise((r) => setTimeout(r, 400));
      server.kill('SIGKILL');
      await exited(server);
      await pending;

      server = await start(port);
      const signIn = await fetch(`${base}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'crash@example.test', password: 'blue-kettle-harbour-42' }),
      });
      const cookie2 = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const units = (await (await fetch(`${base}/org-units?parentId=root`, { headers: { cookie: cookie2 } })).json()) as {
        items: unknown[];
      };
      expect(units.items).toHaveLength(1);
      let count = 0;
      for (let cursor: string | null = ''; cursor !== null;) {
        const page = (await (
          await fetch(`${base}/people?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { cookie: cookie2 } })
        ).json()) as { items: unknown[]; nextCursor: string | null };
        count += page.items.length;
        cursor = page.nextCursor;
      }
      expect([0, 20_000]).toContain(count);

      server.kill('SIGTERM');
      expect(await exited(server)).toBe(0);
    },
  );
});

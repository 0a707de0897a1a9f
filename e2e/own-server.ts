/**
 * A Mamori server of a test file's own: a free port and an empty PGlite data dir, started before the
 * browser (so `useBrowser` sees its E2E_BASE_URL) and stopped after. The shared e2e server belongs to
 * the platform scenario, which creates the first administrator itself.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'apps/server/bin/mamori.mjs');

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const srv = createServer().on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });

/**
 * The demo group in `dataDir`. Within one `npm run test:e2e` (which names E2E_DEMO_TEMPLATE), the demo is loaded
 * once into a template data directory and copied for each test file that wants it: loading it takes a minute and
 * grows with every domain, copying a PGlite directory takes a second. Two files run at once (vitest.e2e.config):
 * the first to need the template makes it, holding a lock directory; the other waits for it.
 */
async function loadDemo(env: NodeJS.ProcessEnv, dataDir: string): Promise<void> {
  const load = (dir: string) => {
    const r = spawnSync(process.execPath, [cli, 'demo', 'load'], {
      cwd: root,
      env: { ...env, MAMORI_DATA_DIR: dir },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`mamori demo load failed: ${r.stdout}${r.stderr}`);
  };
  const template = process.env.E2E_DEMO_TEMPLATE;
  if (!template) return load(dataDir);
  const lock = `${template}.lock`;
  const deadline = Date.now() + 600_000;
  while (!existsSync(template)) {
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch {
      if (Date.now() > deadline) throw new Error(`the demo template was not made within 10 minutes (${lock})`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    if (mine) {
      try {
        if (!existsSync(template)) {
          const building = `${template}.building`;
          rmSync(building, { recursive: true, force: true });
          load(building);
          renameSync(building, template); // whole or not at all
        }
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(template, dataDir, { recursive: true });
}

/**
 * `admins` are created with `mamori admin create` before the server starts; with `demo`, `mamori demo load`
 * fills the database with the demo group first (its accounts use the demo password); `env` adds settings.
 * `host: 'localhost'` makes the public URL (and the browser's base URL) `http://localhost:<port>`: WebAuthn
 * refuses an IP address as relying-party ID, so the passkey scenario needs a host name.
 */
export function useOwnServer(
  name: string,
  admins: { email: string; name: string; password: string }[] = [],
  options: { demo?: boolean; env?: Record<string, string>; host?: 'localhost' } = {},
): void {
  let server: ChildProcess | undefined;
  let output = '';
  const dataDir = mkdtempSync(join(tmpdir(), `mamori-e2e-${name}-`));
  beforeAll(async () => {
    const port = await freePort();
    const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      MAMORI_DATA_DIR: dataDir,
      MAMORI_LOG_LEVEL: 'warn',
      MAMORI_PUBLIC_URL: url,
      ...options.env,
    };
    delete env.DATABASE_URL;
    if (options.demo) await loadDemo(env, dataDir);
    for (const a of admins) {
      const args = [cli, 'admin', 'create', '--email', a.email, '--password', a.password, '--name', a.name];
      const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`mamori admin create failed: ${r.stdout}${r.stderr}`);
    }
    server = spawn(process.execPath, [cli, 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    server.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited: ${output.slice(-4000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the server did not become healthy: ${output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    process.env.E2E_BASE_URL = url; // read by useBrowser's launch, which runs after this hook
  }, 480_000); // the first file that wants the demo loads it (a few minutes on a busy machine); the others copy it
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server!.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
}

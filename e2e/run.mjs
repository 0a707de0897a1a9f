#!/usr/bin/env node
// End-to-end test runner (`npm run test:e2e`):
//   1. builds the web app if apps/web/dist is missing,
//   2. starts Mamori on a free port with a fresh temporary PGlite data dir,
//   3. waits for GET /api/health, then runs `vitest run --config vitest.e2e.config.ts` (e2e/**/*.e2e.ts)
//      with E2E_BASE_URL pointing at it,
//   4. stops the server and removes the data dir, whatever happened; exits non-zero if anything failed.
// Extra arguments go to vitest (e.g. `npm run test:e2e -- smoke`).
// Env: E2E_BASE_URL=<url> skips 2–3 and tests that server instead; E2E_KEEP_DATA=1 keeps the data dir;
// E2E_WEB_DIST=<dir> serves that built web app instead of apps/web/dist (MAMORI_WEB_DIST);
// E2E_SERVER_LOG=1 shows the server's output live (otherwise it is printed only when something fails);
// E2E_DEMO_TEMPLATE=<dir> is a demo data dir already loaded (.ci/run loads it while the test suites run), copied for
// each file that wants the demo instead of loading it here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'e2e', 'test-results');
const log = (msg) => console.log(`[e2e] ${msg}`);

let server; // the Mamori child process
let serverOutput = '';
let dataDir;
let cleaningUp = false;
let demoDir; // the demo group loaded once for the test files that want it (own-server.ts), removed at the end

function demoTemplate() {
  demoDir ??= mkdtempSync(join(tmpdir(), 'mamori-e2e-demo-'));
  return join(demoDir, 'data');
}

async function cleanup() {
  if (cleaningUp) return;
  cleaningUp = true;
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM'); // Mamori drains and closes PGlite on SIGTERM
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir && !process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  else if (dataDir) log(`data dir kept: ${dataDir}`);
  if (demoDir) rmSync(demoDir, { recursive: true, force: true });
}

// Last resort if we are torn down abruptly: never leave the server running.
process.on('exit', () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  if (dataDir && !process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the server exited (code ${server.exitCode}, signal ${server.signalCode}) before it was healthy`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      const body = await res.text();
      if (res.ok) return JSON.parse(body);
      last = `HTTP ${res.status} ${body.slice(0, 200)}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET /api/health did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}

async function startServer() {
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'mamori-e2e-data-'));
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    MAMORI_DATA_DIR: dataDir,
    MAMORI_LOG_LEVEL: process.env.MAMORI_LOG_LEVEL ?? 'warn',
    MAMORI_PUBLIC_URL: `http://127.0.0.1:${port}`,
  };
  delete env.DATABASE_URL; // always the embedded PGlite, whatever the caller's environment says
  delete env.MAMORI_WEB_DIST;
  if (process.env.E2E_WEB_DIST) env.MAMORI_WEB_DIST = resolve(process.env.E2E_WEB_DIST);
  const url = `http://127.0.0.1:${port}`;
  log(`starting Mamori on ${url} (data dir ${dataDir})`);
  const started = Date.now();
  // the heap cap `npm start` gives the server (docs/architecture.md#server-memory)
  server = spawn(process.execPath, ['--max-old-space-size=1536', join(root, 'apps/server/bin/mamori.mjs'), 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    serverOutput += chunk;
    if (serverOutput.length > 200_000) serverOutput = serverOutput.slice(-100_000);
    if (process.env.E2E_SERVER_LOG) process.stderr.write(chunk);
  };
  server.stdout.setEncoding('utf8').on('data', keep);
  server.stderr.setEncoding('utf8').on('data', keep);
  const health = await waitForHealth(url, 180_000);
  log(`server healthy in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(health)}`);
  return url;
}

function runVitest(baseUrl) {
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
      cwd: root,
      env: {
        ...process.env,
        E2E_BASE_URL: baseUrl,
        E2E_RESULTS_DIR: resultsDir,
        E2E_DEMO_TEMPLATE: process.env.E2E_DEMO_TEMPLATE || demoTemplate(),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)));
    child.on('error', (err) => {
      log(`could not start vitest: ${err.message}`);
      resolveRun(1);
    });
  });
}

async function main() {
  let baseUrl = process.env.E2E_BASE_URL;
  if (!baseUrl) {
    if (process.env.E2E_WEB_DIST) {
      if (!existsSync(join(resolve(process.env.E2E_WEB_DIST), 'index.html'))) throw new Error(`no index.html in E2E_WEB_DIST`);
    } else if (!existsSync(join(root, 'apps/web/dist/index.html'))) {
      log('apps/web/dist is missing: running `npm run build`');
      const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
      if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
    }
    baseUrl = await startServer();
  } else {
    log(`testing the running server at ${baseUrl}`);
  }
  const code = await runVitest(baseUrl);
  if (code !== 0) {
    log(`FAILED (vitest exit ${code}); screenshots of failed tests, if any: ${resultsDir}`);
    if (serverOutput.trim())
      log(`server output (level ${process.env.MAMORI_LOG_LEVEL ?? 'warn'}):\n${serverOutput.slice(-20_000)}`);
  }
  return code;
}

let exitCode;
try {
  exitCode = await main();
} catch (err) {
  log(`ERROR: ${err.message}`);
  if (serverOutput.trim()) log(`server output:\n${serverOutput.slice(-20_000)}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);

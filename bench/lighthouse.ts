/**
 * Lighthouse (mobile preset) on a demo-loaded Mamori, signed in: `npm run bench -- lighthouse` (bench/README.md).
 *
 *   --runs 3           audits per page; the median run (by performance score) is reported
 *   --web-dist <dir>   the built web app to serve (default apps/web/dist: run `npm run build` first)
 *   --url <base>       audit a running Mamori instead (its demo group must be loaded)
 *
 * Without --url: a fresh PGlite data dir, `mamori demo load`, then `mamori start` in production mode on a free port.
 * Signs in through the API as a demo security-office account and gives Lighthouse the session cookie as an extra
 * header. Chromium is Debian's (/usr/bin/chromium, or CHROME_PATH): nothing is downloaded.
 * Writes bench/results/lighthouse-<time>.json (every figure, the layout shifts' elements) and prints a table.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { argValue } from './lib';
import { freePort } from './load-runner';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'apps/server/bin/mamori.mjs');
const argv = process.argv.slice(2);
const RUNS = Number(argValue(argv, 'runs') ?? '3');
const webDist = resolve(argValue(argv, 'web-dist') ?? join(root, 'apps/web/dist'));
const DEMO_USER = 'kaori.matsumoto@hoshizora.example';
const DEMO_PASSWORD = 'demo-password-2026';
const log = (msg: string) => console.log(`· ${msg}`);

interface PageFigures {
  page: string;
  path: string;
  runs: number;
  performance: number;
  fcpMs: number;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  speedIndexMs: number;
  jsTransferredKb: number;
  jsRequests: number;
  totalTransferredKb: number;
  /** every run's score, to show the spread */
  scores: number[];
  layoutShifts: { node: string; score: number }[];
  lcpElement?: string;
  opportunities: { id: string; title: string; savingsMs?: number; savingsKb?: number; urls: string[] }[];
}

type Audits = Record<
  string,
  { numericValue?: number; score: number | null; title: string; details?: Record<string, unknown> } | undefined
>;

async function startMamori(): Promise<{ base: string; stop: () => Promise<void> }> {
  if (!existsSync(join(webDist, 'index.html'))) throw new Error(`no ${webDist}/index.html: run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-lighthouse-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    MAMORI_DATA_DIR: dataDir,
    MAMORI_WEB_DIST: webDist,
    MAMORI_LOG_LEVEL: 'warn',
    MAMORI_PUBLIC_URL: base,
    MAMORI_JOBS: 'off',
  };
  delete env.DATABASE_URL;
  log('mamori demo load …');
  const demo = spawnSync(process.execPath, [cli, 'demo', 'load'], { cwd: root, env, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`mamori demo load failed: ${demo.stdout}${demo.stderr}`);
  const server: ChildProcess = spawn(process.execPath, [cli, 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  server.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 90_000;
  while (
    !(await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (server.exitCode !== null) throw new Error(`the server exited: ${output.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`the server did not become healthy: ${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`Mamori on ${base} (web app ${webDist})`);
  return {
    base,
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The session cookie of the demo account (`name=value`), from the sign-in answer. */
async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_USER, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${DEMO_USER}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('mamori_session='));
  if (!cookie) throw new Error('sign-in set no mamori_session cookie');
  return cookie;
}

async function firstIncident(base: string, cookie: string): Promise<string> {
  const res = await fetch(`${base}/api/incidents?limit=1`, { headers: { cookie } });
  const body = (await res.json()) as { items?: { id: string }[] };
  const id = body.items?.[0]?.id;
  if (!res.ok || !id) throw new Error(`GET /api/incidents: ${res.status}, no incident in the demo group`);
  return id;
}

const ms = (a: Audits, id: string) => Math.round(a[id]?.numericValue ?? NaN);

function figures(page: string, path: string, runs: { score: number; audits: Audits }[]): PageFigures {
  const sorted = [...runs].sort((x, y) => x.score - y.score);
  const { audits: a } = sorted[Math.floor(sorted.length / 2)]!; // the median run
  const requests = ((a['network-requests']?.details?.items ?? []) as { resourceType?: string; transferSize?: number }[]).filter(
    (r) => typeof r.transferSize === 'number',
  );
  const scripts = requests.filter((r) => r.resourceType === 'Script');
  const shifts = (a['layout-shifts']?.details?.items ?? []) as {
    node?: { snippet?: string; selector?: string };
    score: number;
  }[];
  const lcp = (a['largest-contentful-paint-element']?.details?.items ?? []) as {
    items?: { node?: { snippet?: string; selector?: string } }[];
  }[];
  const opportunities = Object.entries(a)
    .filter(([, v]) => v?.details?.type === 'opportunity' && v.score !== null && v.score < 0.9)
    .map(([id, v]) => ({
      id,
      title: v!.title,
      savingsMs: (v!.details!.overallSavingsMs as number | undefined) ?? undefined,
      savingsKb:
        typeof v!.details!.overallSavingsBytes === 'number' ? Math.round(v!.details!.overallSavingsBytes / 1024) : undefined,
      urls: ((v!.details!.items ?? []) as { url?: string }[]).slice(0, 5).map((i) => i.url ?? '?'),
    }));
  const kb = (n: number) => Math.round(n / 102.4) / 10;
  return {
    page,
    path,
    runs: runs.length,
    performance: Math.round(sorted[Math.floor(sorted.length / 2)]!.score * 100),
    fcpMs: ms(a, 'first-contentful-paint'),
    lcpMs: ms(a, 'largest-contentful-paint'),
    cls: Math.round((a['cumulative-layout-shift']?.numericValue ?? NaN) * 1000) / 1000,
    tbtMs: ms(a, 'total-blocking-time'),
    speedIndexMs: ms(a, 'speed-index'),
    jsTransferredKb: kb(scripts.reduce((s, r) => s + r.transferSize!, 0)),
    jsRequests: scripts.length,
    totalTransferredKb: kb(requests.reduce((s, r) => s + r.transferSize!, 0)),
    scores: runs.map((r) => Math.round(r.score * 100)),
    layoutShifts: shifts.map((s) => ({
      node: s.node?.selector ?? s.node?.snippet ?? '?',
      score: Math.round(s.score * 1000) / 1000,
    })),
    lcpElement: lcp[0]?.items?.[0]?.node?.snippet,
    opportunities,
  };
}

/** One Lighthouse run in a Chromium of its own (a fresh profile: nothing cached from the run before). */
async function audit(url: string, cookie: string) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    // A fresh profile with an English browser language: the app loads the English catalogue, then the Japanese one
    // when /me names the demo reader's saved language (ja); a returning reader's browser remembers it and loads one.
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    // Lighthouse's default settings are the mobile preset (Moto G Power, simulated slow 4G, 4× CPU slowdown).
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      extraHeaders: { Cookie: cookie },
    });
    if (!result?.lhr) throw new Error(`no Lighthouse result for ${url}`);
    return result.lhr;
  } finally {
    chrome.kill();
  }
}

/** The last full report of each page, written beside the figures for a closer look (bench/results/). */
const lastLhr: Record<string, unknown> = {};

async function main() {
  const given = argValue(argv, 'url');
  const mamori = given ? { base: given.replace(/\/$/, ''), stop: async () => undefined } : await startMamori();
  const results: PageFigures[] = [];
  try {
    const cookie = await signIn(mamori.base);
    const incident = await firstIncident(mamori.base, cookie);
    const pages = [
      { page: 'home', path: '/' },
      { page: 'people', path: '/people' },
      { page: 'incident', path: `/incidents/${incident}` },
    ];
    for (const { page, path } of pages) {
      const runs: { score: number; audits: Audits }[] = [];
      for (let i = 0, failures = 0; i < RUNS; i++) {
        const lhr = await audit(`${mamori.base}${path}`, cookie);
        if (lhr.runtimeError) {
          // NO_NAVSTART and the like happen now and then with headless Chromium: that run is done again (twice at most).
          if (++failures > 2) throw new Error(`${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
          log(`${page} run ${i + 1}: ${lhr.runtimeError.code}, again`);
          i--;
          continue;
        }
        if (new URL(lhr.finalDisplayedUrl).pathname !== path)
          throw new Error(`${path} ended on ${lhr.finalDisplayedUrl}: not signed in?`);
        runs.push({ score: lhr.categories.performance?.score ?? 0, audits: lhr.audits as unknown as Audits });
        lastLhr[page] = lhr;
        log(`${page} run ${i + 1}: ${Math.round((lhr.categories.performance?.score ?? 0) * 100)}`);
      }
      results.push(figures(page, path, runs));
    }
  } finally {
    await mamori.stop();
  }
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `lighthouse-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file.replace(/\.json$/, '-reports.json'), JSON.stringify(lastLhr));
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), webDist, runsPerPage: RUNS, pages: results }, null, 2));
  const rows = results.map(
    (r) =>
      `| ${r.page} | ${r.performance} (${r.scores.join('/')}) | ${(r.fcpMs / 1000).toFixed(1)} s | ${(r.lcpMs / 1000).toFixed(1)} s | ${r.cls} | ${r.tbtMs} ms | ${r.jsTransferredKb} KB (${r.jsRequests}) | ${r.totalTransferredKb} KB |`,
  );
  console.log(
    [
      '',
      '| page | performance (runs) | FCP | LCP | CLS | TBT | JS transferred (requests) | all transferred |',
      '| --- | --: | --: | --: | --: | --: | --: | --: |',
      ...rows,
      '',
      ...results.flatMap((r) => [
        `${r.page}: LCP element ${r.lcpElement ?? '?'}`,
        ...r.layoutShifts.map((s) => `${r.page}: layout shift ${s.score} ${s.node}`),
        ...r.opportunities.map(
          (o) => `${r.page}: ${o.title} (${o.savingsMs ?? 0} ms, ${o.savingsKb ?? 0} KB) ${o.urls.join(' ')}`,
        ),
      ]),
      '',
      `results: ${file}`,
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

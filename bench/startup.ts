/** Start-up figures: cold start of the server on PGlite, and the web app's initial JavaScript. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { freePort } from './load-runner';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type ColdStart = { firstStartMs: number; restartMs: number[]; dataDir: string } | { error: string };
export type WebJs =
  | { files: { file: string; bytes: number; gzip: number }[]; totalGzip: number; target: string; met: boolean }
  | { skipped: string };

// ── cold start on PGlite ─────────────────────────────────────────────────────────────────────────
/** Spawns `mamori start` on a data dir and returns the time until /api/health answers 200. */
async function startOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MAMORI_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    MAMORI_LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.BENCH_LOAD_FILE;
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'apps/server/bin/mamori.mjs'), 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let exited = false;
  const exit = new Promise<void>((ok) => child.on('exit', () => ((exited = true), ok())));
  try {
    for (;;) {
      if (exited) throw new Error(`mamori start exited: ${stderr.slice(-400)}`);
      if (performance.now() - t0 > 60_000) throw new Error('no answer from /api/health within 60 s');
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return Math.round(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    if (!exited) child.kill('SIGTERM');
    await exit;
  }
}

export async function coldStart(): Promise<ColdStart> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-bench-'));
  try {
    const firstStartMs = await startOnce(dataDir);
    const restartMs: number[] = [];
    for (let i = 0; i < 3; i++) restartMs.push(await startOnce(dataDir));
    return { firstStartMs, restartMs, dataDir: 'fresh temp dir' };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ── web app initial JS ───────────────────────────────────────────────────────────────────────────
export function webJs(dist = join(root, 'apps/web/dist')): WebJs {
  const indexHtml = join(dist, 'index.html');
  if (!existsSync(indexHtml)) {
    return { skipped: `${indexHtml} not found: run \`npm run build\` first` };
  }
  const html = readFileSync(indexHtml, 'utf8');
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
  const files = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    if (attr(tag, 'type') === 'module' && attr(tag, 'src')) files.add(attr(tag, 'src')!);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (attr(tag, 'rel') === 'modulepreload' && attr(tag, 'href')) files.add(attr(tag, 'href')!);
  }
  const sizes = [...files].map((f) => {
    const buf = readFileSync(join(dist, f.replace(/^\//, '').split('?')[0]!));
    return { file: f, bytes: buf.length, gzip: gzipSync(buf).length };
  });
  const totalGzip = sizes.reduce((s, f) => s + f.gzip, 0);
  return { files: sizes, totalGzip, target: '< 300 KB (307,200 bytes)', met: totalGzip < 300 * 1024 };
}

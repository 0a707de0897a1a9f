/** Shared by the benchmarks: a free port, and bench/load.ts run in a child process. */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult, LoadSpec } from './load';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** Runs bench/load.ts in a child process (so the load never shares the server's event loop) and returns its result. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((ok, fail) => {
    // The spec goes through a file: captured SQL with long IN lists is too big for the environment.
    const specFile = join(tmpdir(), `mamori-bench-load-${process.pid}-${Date.now()}.json`);
    writeFileSync(specFile, JSON.stringify(spec));
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/load.ts')], {
      cwd: root,
      env: { ...process.env, BENCH_LOAD_FILE: specFile },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      rmSync(specFile, { force: true });
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return fail(new Error(`load process exited ${code}: ${out.slice(-500)}`));
      ok(JSON.parse(last) as LoadResult);
    });
  });
}

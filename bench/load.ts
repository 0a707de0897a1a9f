/**
 * One load case, run in its own process by bench/run.ts, so the load generator never shares an event
 * loop with the server it measures. Reads a LoadSpec (JSON) from the file named by BENCH_LOAD_FILE
 * and prints a LoadResult (JSON) as the last line of stdout.
 *
 * - kind 'http': autocannon against the running server, cycling through `paths`.
 * - kind 'pg':   the same SQL sent directly through a `pg` Pool, `connections` requests in flight; a request
 *                 is the statements one API request sent, run one after the other.
 *
 * Latency percentiles are computed from every response time (autocannon's own histogram has no p95).
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';

export interface CapturedQuery {
  text: string;
  values: unknown[];
  rowMode?: 'array' | undefined;
  /** The prepared statement's name when the API sent a named statement (planned once per connection). */
  name?: string | undefined;
}

export type LoadSpec =
  | {
      kind: 'http';
      url: string;
      paths: string[];
      headers: Record<string, string>;
      /** Optional: request i also sends headerSets[i % n] (e.g. one API token per person, to load many people's pages). */
      headerSets?: Record<string, string>[];
      connections: number;
      duration: number;
    }
  | { kind: 'pg'; databaseUrl: string; requests: CapturedQuery[][]; connections: number; duration: number };

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  errors: number;
  non2xx: number;
  durationS: number;
}

export function summarise(latencies: number[], durationS: number, errors: number, non2xx: number): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const pct = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
  const round = (x: number) => Math.round(x * 100) / 100;
  const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : NaN;
  return {
    requests: sorted.length,
    rps: round(sorted.length / durationS),
    p50: round(pct(50)),
    p95: round(pct(95)),
    p99: round(pct(99)),
    max: round(sorted.length ? sorted[sorted.length - 1]! : NaN),
    mean: round(mean),
    errors,
    non2xx,
    durationS: round(durationS),
  };
}

async function runHttp(spec: Extract<LoadSpec, { kind: 'http' }>): Promise<LoadResult> {
  const latencies: number[] = [];
  let i = 0;
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    headers: spec.headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const k = i++;
          const extra = spec.headerSets?.[k % spec.headerSets.length];
          return {
            ...req,
            path: spec.paths[k % spec.paths.length]!,
            ...(extra ? { headers: { ...req.headers, ...extra } } : {}),
          };
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  const durationS = Number(process.hrtime.bigint() - started) / 1e9;
  return summarise(latencies, Math.min(durationS, result.duration || durationS), result.errors + result.timeouts, result.non2xx);
}

async function runPg(spec: Extract<LoadSpec, { kind: 'pg' }>): Promise<LoadResult> {
  // The same session settings as Mamori's pool (apps/server/src/db/client.ts): JIT off.
  const pool = new pg.Pool({ connectionString: spec.databaseUrl, max: spec.connections, options: '-c jit=off' });
  // Open every connection before the clock starts, as the server's pool already is.
  const clients = await Promise.all(Array.from({ length: spec.connections }, () => pool.connect()));
  clients.forEach((c) => c.release());
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const deadline = Date.now() + spec.duration * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: spec.connections }, async () => {
      while (Date.now() < deadline) {
        const request = spec.requests[i++ % spec.requests.length]!;
        const t = process.hrtime.bigint();
        try {
          for (const q of request)
            await pool.query({
              text: q.text,
              values: q.values,
              ...(q.rowMode ? { rowMode: q.rowMode } : {}),
              ...(q.name ? { name: q.name } : {}),
            });
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        } catch {
          errors++;
        }
      }
    }),
  );
  const durationS = Number(process.hrtime.bigint() - started) / 1e9;
  await pool.end();
  return summarise(latencies, durationS, errors, 0);
}

const file = process.env.BENCH_LOAD_FILE;
const raw = file ? readFileSync(file, 'utf8') : undefined;
if (raw) {
  const spec = JSON.parse(raw) as LoadSpec;
  const result = spec.kind === 'http' ? await runHttp(spec) : await runPg(spec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

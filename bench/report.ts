/** The results of one `npm run bench` and their report. */
import type { CpuPerRequest } from './cpu';
import type { LoadResult } from './load';
import type { ColdStart, WebJs } from './startup';

type Json = Record<string, unknown>;

export interface CaseResult extends LoadResult {
  name: string;
  what: string;
  target?: string;
  met?: boolean;
  sqlPerRequest?: number;
  sample?: string;
  cpu?: CpuPerRequest;
}

export interface BenchResults {
  startedAt: string;
  command: string;
  machine: Record<string, unknown>;
  data?: Record<string, number>;
  cases: CaseResult[];
  ratio?: { apiRps: number; directRps: number; ratio: number; target: string; met: boolean };
  auditRatio?: { apiRps: number; directRps: number; ratio: number };
  coldStart?: ColdStart;
  webJs?: WebJs;
  plans: Record<string, string>;
  notes: string[];
}

/** The markdown table printed at the end of a run (and pasted into bench/README.md). */
export function report(results: BenchResults, load: { connections: number; duration: number; warmup: number }): string {
  const lines = [
    `Mamori bench — ${results.startedAt} — \`${results.command}\``,
    '',
    `${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memGb} GB, Node ${results.machine.node}; ${
      String((results.machine.postgres as Json | undefined)?.version ?? '').split(' on ')[0]
    }`,
    results.data
      ? `data: ${Object.entries(results.data)
          .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
          .join(', ')}`
      : '',
    `autocannon ${load.connections} connections, ${load.duration} s per case after ${load.warmup} s warm-up`,
    '',
    '| case | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | CPU ms/req: Node | PostgreSQL | machine busy | target | met |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...results.cases.map(
      (c) =>
        `| ${c.name} | ${c.rps} | ${c.p50} | ${c.p95} | ${c.p99} | ${c.max} | ${c.errors + c.non2xx} | ${c.cpu?.serverMs ?? ''} | ${
          c.cpu?.postgresMs ?? ''
        } | ${c.cpu ? `${Math.round(c.cpu.machineBusy * 100)} %` : ''} | ${c.target ?? ''} | ${
          c.met === undefined ? '' : c.met ? 'yes' : '**no**'
        } |`,
    ),
  ];
  if (results.ratio)
    lines.push(
      '',
      `throughput API/direct (a ÷ d): ${results.ratio.apiRps} / ${results.ratio.directRps} = **${results.ratio.ratio}** (target ≥ 0.40: ${
        results.ratio.met ? 'met' : 'missed'
      })`,
    );
  if (results.auditRatio)
    lines.push(
      `audit API/direct (c ÷ c-direct): ${results.auditRatio.apiRps} / ${results.auditRatio.directRps} = ${results.auditRatio.ratio}`,
    );
  if (results.coldStart)
    lines.push(
      '',
      'error' in results.coldStart
        ? `cold start on PGlite: failed — ${results.coldStart.error}`
        : `cold start on PGlite (spawn → GET /api/health 200): new data dir ${results.coldStart.firstStartMs} ms; existing data dir ${results.coldStart.restartMs.join(
            ' / ',
          )} ms`,
    );
  if (results.webJs)
    lines.push(
      'skipped' in results.webJs
        ? `web initial JS: skipped — ${results.webJs.skipped}`
        : `web initial JS (entry + modulepreload, gzip -6): ${(results.webJs.totalGzip / 1024).toFixed(1)} KB in ${
            results.webJs.files.length
          } files (target < 300 KB: ${results.webJs.met ? 'met' : 'missed'})`,
    );
  for (const n of results.notes) lines.push(`note: ${n}`);
  return lines.filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n');
}

/**
 * Where the CPU went during a measured case (bench/README.md): this process (Mamori in-process), every
 * PostgreSQL process, and the whole machine, read from /proc. Divided by the requests served, it shows the
 * cost of one request on each side, which latency percentiles alone do not.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

export interface CpuSample {
  serverMs: number;
  postgresMs: number;
  machineBusyMs: number;
  machineTotalMs: number;
}

export interface CpuPerRequest {
  /** CPU ms per request spent in Mamori's process (Node: HTTP, auth, SQL building, JSON). */
  serverMs: number;
  /**
   * CPU ms per request spent in PostgreSQL's processes (parse, plan, execute, protocol); null when backends
   * ended during the case (the direct cases close their pool), which takes their time out of the sum.
   */
  postgresMs: number | null;
  /** Share of the machine's CPU time in use during the case (all cores, load generator included). */
  machineBusy: number;
}

function postgresTicks(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      /* the process ended while we read */
    }
  }
  return ticks;
}

function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((s, x) => s + x, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

export function cpuSample(): CpuSample {
  const own = process.cpuUsage();
  const m = machineTicks();
  return {
    serverMs: (own.user + own.system) / 1000,
    postgresMs: postgresTicks() * TICK_MS,
    machineBusyMs: m.busy * TICK_MS,
    machineTotalMs: m.total * TICK_MS,
  };
}

export function cpuPerRequest(before: CpuSample, after: CpuSample, requests: number): CpuPerRequest {
  const per = (x: number) => Math.round((x / Math.max(1, requests)) * 100) / 100;
  const total = after.machineTotalMs - before.machineTotalMs;
  return {
    serverMs: per(after.serverMs - before.serverMs),
    postgresMs: after.postgresMs >= before.postgresMs ? per(after.postgresMs - before.postgresMs) : null,
    machineBusy: total > 0 ? Math.round(((after.machineBusyMs - before.machineBusyMs) / total) * 100) / 100 : 0,
  };
}

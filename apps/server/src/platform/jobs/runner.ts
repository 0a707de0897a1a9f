import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import type { JobContext, JobDefinition, Schedule } from './define';
import { jobs } from './tables';

export interface JobRunner {
  /** Runs due jobs until none is left (tests and the CLI use this; the server polls). */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

const LEASE = sql`interval '5 minutes'`;

async function claim(db: Db): Promise<ClaimedJob | undefined> {
  const rows = await queryRows<ClaimedJob>(
    db,
    sql`UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = now() + ${LEASE}
        WHERE id = (SELECT id FROM jobs
                    WHERE (status = 'queued' AND run_at <= now()) OR (status = 'running' AND locked_until < now())
                    ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, payload, attempts, max_attempts`,
  );
  return rows[0];
}

async function runOne(ctx: JobContext, defs: Map<string, JobDefinition>, job: ClaimedJob): Promise<void> {
  const def = defs.get(job.kind);
  try {
    if (!def) throw new Error(`no handler for job kind ${job.kind}`);
    await def.handler(def.payload.parse(job.payload), ctx);
    await ctx.db.update(jobs).set({ status: 'done', finishedAt: new Date(), lockedUntil: null }).where(eq(jobs.id, job.id));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const failed = job.attempts >= job.max_attempts;
    ctx.log.warn({ job: job.id, kind: job.kind, err: message, failed }, 'job failed');
    const retryAt = new Date(Date.now() + Math.min(2 ** job.attempts * 1000, 3600_000));
    await ctx.db
      .update(jobs)
      .set({ status: failed ? 'failed' : 'queued', lastError: message.slice(0, 2000), runAt: retryAt, lockedUntil: null })
      .where(eq(jobs.id, job.id));
  }
}

async function enqueueSchedules(db: Db, list: Schedule[], now = Date.now()): Promise<void> {
  for (const s of list) {
    const slot = Math.floor(now / s.everyMs);
    await db
      .insert(jobs)
      .values({ kind: s.kind, payload: {}, uniqueKey: `${s.kind}@${slot}` })
      .onConflictDoNothing({ target: jobs.uniqueKey });
  }
}

export interface JobRunnerOptions {
  db: Db;
  config: Config;
  log: FastifyBaseLogger;
  /** every job kind the runner knows, and the recurring ones (src/jobs.ts composes them) */
  jobs: JobDefinition[];
  schedules: Schedule[];
  pollMs?: number;
  autoStart?: boolean;
}

export function startJobRunner(opts: JobRunnerOptions): JobRunner {
  const ctx: JobContext = { db: opts.db, config: opts.config, log: opts.log };
  const defs = new Map<string, JobDefinition>(opts.jobs.map((d) => [d.kind, d]));
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const drain = async () => {
    let n = 0;
    await enqueueSchedules(opts.db, opts.schedules);
    for (let job = await claim(opts.db); job && !stopped; job = await claim(opts.db)) {
      await runOne(ctx, defs, job);
      n++;
    }
    return n;
  };

  const tick = () => {
    running = drain()
      .catch((err: unknown) => opts.log.error({ err }, 'job runner tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.pollMs ?? 2000);
      });
  };
  if (opts.autoStart !== false) timer = setTimeout(tick, 500);

  return {
    drain: () => (running = running.then(drain)) as Promise<number>,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { AppError, msg } from '../errors/app-error';
import { queueFigures } from './queue-figures';

export const METRICS_PATH = '/metrics';

const sha = (s: string) => createHash('sha256').update(s).digest();

/** `Authorization: Bearer <MAMORI_METRICS_TOKEN>`, compared in constant time. */
function checkToken(request: FastifyRequest, expected: Buffer): void {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match || !timingSafeEqual(sha(match[1]!), expected)) throw new AppError('unauthenticated', msg('problem.metrics_token'));
}

/**
 * Prometheus metrics at `/metrics` (text exposition), when MAMORI_METRICS_TOKEN is set; without it there is no such
 * route. Per process: request durations by route template, the process's own figures (memory, event loop, GC) and
 * its PostgreSQL pool. Read from the database at each scrape, so the same from every process (aggregate with max):
 * the job queue's depth and age and the mail outbox's backlog.
 */
export function registerMetrics(app: FastifyInstance, config: Config, database: Database): void {
  if (!config.metricsToken) return;
  const expected = sha(config.metricsToken);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mamori_' });

  const durations = new Histogram({
    name: 'mamori_http_request_duration_seconds',
    help: 'Time to answer a request, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === METRICS_PATH) return;
    durations.observe(
      { method: request.method, route: route ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const jobs = new Gauge({
    name: 'mamori_jobs',
    help: 'Jobs in the queue by status (queued: due now; scheduled: due later)',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const jobAge = new Gauge({
    name: 'mamori_jobs_oldest_due_age_seconds',
    help: 'How long the oldest due job has waited to be claimed (0 when none waits)',
    registers: [registry],
  });
  const outbox = new Gauge({
    name: 'mamori_mail_outbox_backlog',
    help: 'Mails written to the outbox and not yet delivered',
    registers: [registry],
  });
  const outboxAge = new Gauge({
    name: 'mamori_mail_outbox_oldest_age_seconds',
    help: 'Age of the oldest mail not yet delivered (0 when none)',
    registers: [registry],
  });
  const pool = new Gauge({
    name: 'mamori_db_pool_connections',
    help: 'PostgreSQL pool of this process: total, idle, and requests waiting for a connection',
    labelNames: ['state'] as const,
    registers: [registry],
  });

  async function collectFromDatabase(): Promise<void> {
    const f = await queueFigures(database.db);
    for (const [status, n] of Object.entries(f.jobs)) jobs.set({ status }, n);
    jobAge.set(f.oldestDueJobSeconds);
    outbox.set(f.outboxBacklog);
    outboxAge.set(f.oldestMailSeconds);
    const client = (database.db as { $client?: unknown }).$client as pg.Pool | undefined;
    if (database.kind === 'postgres' && client) {
      pool.set({ state: 'total' }, client.totalCount);
      pool.set({ state: 'idle' }, client.idleCount);
      pool.set({ state: 'waiting' }, client.waitingCount);
    }
  }

  app.get(METRICS_PATH, { schema: { hide: true } }, async (request, reply) => {
    checkToken(request, expected);
    await collectFromDatabase();
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

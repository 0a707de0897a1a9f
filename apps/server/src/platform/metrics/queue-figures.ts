import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';

export interface QueueFigures {
  /** jobs by status; `queued` counts those due now, `scheduled` those due later */
  jobs: Record<'queued' | 'scheduled' | 'running' | 'failed', number>;
  oldestDueJobSeconds: number;
  outboxBacklog: number;
  oldestMailSeconds: number;
}

/**
 * The queue's and the outbox's figures in one statement. Done jobs are not counted: the table keeps them, and a
 * count over all of them would grow with the installation's age. Each count reads the partial set its index covers
 * (`jobs_due_idx` on status, run_at; `mail_outbox_status_idx` on status, created_at).
 */
export async function queueFigures(db: Db): Promise<QueueFigures> {
  const [row] = await queryRows<{
    queued: number;
    scheduled: number;
    running: number;
    failed: number;
    oldest_due: number | null;
    backlog: number;
    oldest_mail: number | null;
  }>(
    db,
    sql`SELECT
      (SELECT count(*)::int FROM jobs WHERE status = 'queued' AND run_at <= now()) AS queued,
      (SELECT count(*)::int FROM jobs WHERE status = 'queued' AND run_at > now()) AS scheduled,
      (SELECT count(*)::int FROM jobs WHERE status = 'running') AS running,
      (SELECT count(*)::int FROM jobs WHERE status = 'failed') AS failed,
      (SELECT extract(epoch FROM now() - min(run_at))::float8 FROM jobs WHERE status = 'queued' AND run_at <= now()) AS oldest_due,
      (SELECT count(*)::int FROM mail_outbox WHERE status = 'queued') AS backlog,
      (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM mail_outbox WHERE status = 'queued') AS oldest_mail`,
  );
  return {
    jobs: { queued: row!.queued, scheduled: row!.scheduled, running: row!.running, failed: row!.failed },
    oldestDueJobSeconds: Math.max(0, row!.oldest_due ?? 0),
    outboxBacklog: row!.backlog,
    oldestMailSeconds: Math.max(0, row!.oldest_mail ?? 0),
  };
}

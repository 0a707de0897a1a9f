import type { Db } from '../../db/client';
import { jobs } from './tables';
import type { JobDefinition } from './define';
import type { z } from 'zod';

/** Enqueues a job in the caller's transaction: it runs only if that transaction commits. */
export async function enqueue<S extends z.ZodType>(
  db: Db,
  def: JobDefinition<S>,
  payload: z.infer<S>,
  opts: { runAt?: Date; uniqueKey?: string } = {},
): Promise<void> {
  await db
    .insert(jobs)
    .values({
      kind: def.kind,
      payload: def.payload.parse(payload) as object,
      runAt: opts.runAt ?? new Date(),
      maxAttempts: def.maxAttempts ?? 5,
      uniqueKey: opts.uniqueKey ?? null,
    })
    .onConflictDoNothing({ target: jobs.uniqueKey });
}

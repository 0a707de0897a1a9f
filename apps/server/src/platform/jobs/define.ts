import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';

export interface JobContext {
  db: Db;
  config: Config;
  log: FastifyBaseLogger;
}

/** A job kind: a zod schema for its payload and a handler. Handlers must be safe to run twice. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  kind: string;
  payload: S;
  maxAttempts?: number;
  handler(payload: z.infer<S>, ctx: JobContext): Promise<void>;
}

export const defineJob = <S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> => def;

/** A recurring job: enqueued once per period, whatever the number of processes (unique key per slot). */
export interface Schedule {
  kind: string;
  everyMs: number;
}

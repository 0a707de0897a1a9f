import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import type { Database } from '../../db/client';

export interface ModuleDeps {
  config: Config;
  database: Database;
}

/** A domain's routes: a Fastify plugin built from the shared dependencies, registered under /api. */
export type Module = (deps: ModuleDeps) => FastifyPluginAsyncZod;

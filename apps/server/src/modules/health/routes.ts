import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { migrationsCurrent } from '../../db/migration-state';
import { AppError, msg } from '../../platform/errors/app-error';
import type { Module } from '../../platform/http/module';
import { VERSION } from '../../version';

const Health = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() });
const Ready = z.object({ status: z.literal('ready'), db: z.enum(['pglite', 'postgres']), version: z.string() });

/**
 * `/api/health`: the process answers (liveness). `/api/health/ready`: it may be sent traffic — the database answers
 * and holds every migration this code ships (a load balancer's readiness probe; 503 problem otherwise). While the
 * process drains on SIGTERM, Fastify answers 503 to every route (`return503OnClosing`), this one included.
 */
export const healthModule: Module = ({ database }) =>
  async function health(app) {
    app.get(
      '/health',
      { config: { access: { auth: 'public' } }, schema: { tags: ['platform'], response: { 200: Health } } },
      async () => {
        await database.db.execute(sql`SELECT 1`);
        return { status: 'ok' as const, db: database.kind, version: VERSION };
      },
    );

    app.get(
      '/health/ready',
      { config: { access: { auth: 'public' } }, schema: { tags: ['platform'], response: { 200: Ready } } },
      async () => {
        const reachable = await database.db.execute(sql`SELECT 1`).then(
          () => true,
          () => false,
        );
        if (!reachable) throw new AppError('not-ready', msg('problem.not_ready_database'));
        if (!(await migrationsCurrent(database.db))) throw new AppError('not-ready', msg('problem.not_ready_migrations'));
        return { status: 'ready' as const, db: database.kind, version: VERSION };
      },
    );
  };

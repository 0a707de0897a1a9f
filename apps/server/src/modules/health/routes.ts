import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Module } from '../../platform/http/module';
import { VERSION } from '../../version';

const Health = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() });

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
  };

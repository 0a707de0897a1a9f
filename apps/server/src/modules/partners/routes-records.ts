import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/** Sub-contractors, NDAs, exchanges, visits, incidents, files, dashboard and export. */
export async function recordRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>();
}

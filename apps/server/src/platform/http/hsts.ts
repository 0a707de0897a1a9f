import type { FastifyInstance } from 'fastify';

/** Two years, subdomains included (the HSTS preload list's minimum is one year). */
export const HSTS_VALUE = 'max-age=63072000; includeSubDomains';

/**
 * Strict-Transport-Security on every answer to a request that came over https: TLS on Mamori's own socket, or
 * a trusted reverse proxy's X-Forwarded-Proto (only with MAMORI_TRUST_PROXY=true: Fastify's `request.protocol`
 * ignores the header otherwise). Never over plain http, where RFC 6797 §7.2 says the header must not be sent.
 */
export function registerHsts(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS_VALUE);
  });
}

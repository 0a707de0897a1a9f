import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/client';
import { registerErrorHandler } from './platform/errors/handler';
import { MAX_CSV_BYTES } from './platform/files/csv';
import { registerJsonBodyParser } from './platform/files/json-body';
import { openApiTransform, registerETags } from './platform/http/etag';
import { registerHsts } from './platform/http/hsts';
import { registerInputTextGuard } from './platform/http/input-text';
import { registerSecurity } from './platform/http/security';
import { serveWebApp } from './platform/http/web-app';
import { registerMetrics } from './platform/metrics/metrics';
import { databaseRateLimitStore } from './platform/throttle/store';
import { modules } from './modules';
import { scimRoutes, SCIM_PREFIX } from './modules/identity/scim/routes';
import { psirtPublicRoutes } from './modules/vulnerabilities/reporting/public-routes';
import { setOutboundAllowHosts } from './platform/net/outbound';
import { VERSION } from './version';

export interface AppOptions {
  config: Config;
  database: Database;
  /** pino logger options; false in tests */
  logger?: boolean | object;
}

const webDistDefault = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the Fastify instance: plugins first, then the security pipeline, then each domain module. */
export async function buildApp({ config, database, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  setOutboundAllowHosts(config.outboundAllowHosts);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false, // sent per request, only over https: platform/http/hsts.ts
  });
  registerHsts(app);
  await app.register(cookie);
  // Counted in the database, so the limits hold across every process on it (platform/throttle).
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(database.db) });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  registerJsonBodyParser(app);
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_req, body, done) => done(null, body));

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Mamori API', version: VERSION, description: 'Information security management platform' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'mamori_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: openApiTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerMetrics(app, config, database); // /metrics, when MAMORI_METRICS_TOKEN is set
  registerSecurity(app, database);
  registerInputTextGuard(app);
  registerETags(app);
  for (const mod of modules) await app.register(mod({ config, database }), { prefix: '/api' });
  await app.register(scimRoutes(config, database), { prefix: SCIM_PREFIX }); // SCIM 2.0 provisioning (docs/identity.md)
  await app.register(psirtPublicRoutes({ config, database })); // /.well-known/security.txt and the CSAF provider

  app.get('/api/openapi.json', { config: { access: { auth: 'public' } }, schema: { hide: true } }, async () => app.swagger());

  await serveWebApp(app, config.webDist ?? webDistDefault);
  return app;
}

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/client';
import { registerErrorHandler, sendProblem } from './platform/errors/handler';
import { openApiTransform, registerETags } from './platform/http/etag';
import { AppError } from './platform/errors/app-error';
import { registerSecurity } from './platform/http/security';
import { modules } from './modules';
import { psirtPublicRoutes } from './modules/vulnerabilities/public-routes';
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
    hsts: config.secureCookies === true,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

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

  registerSecurity(app, database);
  registerETags(app);
  for (const mod of modules) await app.register(mod({ config, database }), { prefix: '/api' });
  await app.register(psirtPublicRoutes({ config, database })); // /.well-known/security.txt and the CSAF provider

  app.get('/api/openapi.json', { config: { access: { auth: 'public' } }, schema: { hide: true } }, async () => app.swagger());

  await serveWebApp(app, config.webDist ?? webDistDefault);
  return app;
}

/**
 * Serves the built SPA: any GET outside /api that is not a file gets index.html (client-side routes).
 * Everything else that matches no route is a problem+json 404. The one not-found handler is set here.
 */
async function serveWebApp(app: FastifyInstance, dist: string): Promise<void> {
  const index = `${dist}/index.html`;
  const html = existsSync(index) ? readFileSync(index, 'utf8') : undefined;
  if (html) await app.register(fastifyStatic, { root: dist, wildcard: false, index: false });
  else app.log.warn({ dist }, 'web app not built: run `npm run build`');
  app.setNotFoundHandler((request, reply) => {
    if (html && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').header('cache-control', 'no-cache').send(html);
    }
    return sendProblem(reply, new AppError('not-found', `No route for ${request.method} ${request.url.split('?')[0]}.`));
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/client';
import { scopeOf } from '../access/scope';
import { resolveApiToken } from '../auth/api-tokens';
import { loadPrincipal } from '../auth/principal-loader';
import { assertRecentAuth } from '../auth/reauth';
import { csrfTokenFor } from '../auth/secrets';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions';
import { AppError, msg } from '../errors/app-error';
import type { DeclaredRoute, RouteAccess } from './route-config';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function authenticate(database: Database, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? await resolveApiToken(database.db, match[1]!) : null;
    if (!user) throw new AppError('unauthenticated', msg('problem.token_invalid'));
    request.principal = await loadPrincipal(database.db, user, 'token', null);
    return;
  }
  const secret = request.cookies[SESSION_COOKIE];
  if (!secret) return;
  const session = await resolveSession(database.db, secret);
  if (!session) return;
  request.principal = await loadPrincipal(database.db, session, 'session', session.sessionId);
  if (request.principal) request.sessionSecret = secret;
}

function checkCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method) || !request.sessionSecret) return;
  const sent = request.headers['x-csrf-token'];
  const expected = csrfTokenFor(request.sessionSecret);
  const ok =
    typeof sent === 'string' && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (!ok) throw new AppError('csrf', msg('problem.csrf'));
}

function authorize(request: FastifyRequest, access: RouteAccess): void {
  if ('auth' in access && access.auth === 'public') return;
  const p = request.principal;
  if (!p) throw new AppError('unauthenticated');
  if (p.mfaEnrollmentRequired) {
    // A session may still reach the account pages to set MFA up. An API token may reach nothing: it was
    // issued without the second factor the role now demands, and must not be the way to enrol one.
    if (p.via === 'token') {
      throw new AppError('mfa-enrollment-required', msg('problem.mfa_enrollment_token'));
    }
    if (!access.duringMfaEnrollment) {
      throw new AppError('mfa-enrollment-required', msg('problem.mfa_enrollment'));
    }
  }
  if ('action' in access && scopeOf(p, access.action).kind === 'none') {
    throw new AppError('forbidden', msg('problem.forbidden_action', { action: access.action }));
  }
}

/**
 * The request pipeline, once for every route: authenticate → CSRF → authorize (by the route's declared
 * access) → a recent authentication for sensitive routes (`recentAuth`) → build the service context. Routes under /api without a declared access fail at start-up.
 */
export function registerSecurity(app: FastifyInstance, database: Database): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionSecret', null);
  app.decorateRequest('ctx', null as never);

  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...route.config, access: { auth: 'public' } };
      return;
    }
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access (config.access): refused by default.`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') declared.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    await authenticate(database, request);
    if (request.principal && access.csrf !== false) checkCsrf(request);
    authorize(request, access);
    if (access.recentAuth && request.principal) await assertRecentAuth(database.db, request.principal);
    request.ctx = {
      db: database.db,
      principal: request.principal,
      actor: {
        userId: request.principal?.userId ?? null,
        label: request.principal?.email ?? 'anonymous',
        requestId: request.id,
        ip: request.ip,
      },
    };
  });
}

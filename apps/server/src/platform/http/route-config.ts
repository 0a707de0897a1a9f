import type { Action } from '@mamori/contracts';
import type { Principal } from '../access/principal';
import type { Ctx } from '../tx';

/**
 * Every /api route declares who may call it, in its `config`:
 * - `{ action: 'people:read' }`: signed in and holding that action somewhere (record scope is applied by the service);
 * - `{ auth: 'signed-in' }`: any signed-in user (own account pages);
 * - `{ auth: 'public' }`: no account needed (health, sign-in, public forms).
 * A route that declares none of these is refused at start-up: default deny.
 */
export type Access = { action: Action } | { auth: 'signed-in' } | { auth: 'public' };

export type RouteAccess = Access & {
  /** allowed while the user still has to enrol MFA (account pages, sign-out) */
  duringMfaEnrollment?: boolean;
  /**
   * `false` for a public form post from another site that carries its own proof instead of the CSRF token
   * (a SAML response: signed by the IdP and bound to this browser's sealed flow cookie).
   */
  csrf?: false;
  /**
   * a sensitive action: a session must have proved who it is recently (platform/auth/reauth.ts), else 401
   * `reauth-required`; API tokens are not asked
   */
  recentAuth?: true;
};

/** Every /api route with its declared access: the access-matrix test walks it. */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyInstance {
    declaredRoutes: DeclaredRoute[];
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** the route answers one main record with its `version`: ETag is set from it (platform/http/etag.ts) */
    etag?: boolean | 'version';
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** set when authenticated with the session cookie: the secret, for CSRF */
    sessionSecret: string | null;
    ctx: Ctx;
  }
}

import { parse as parseQuery } from 'node:querystring';
import {
  BackchannelLogoutBody,
  BackchannelLogoutError,
  CreateIdentityProviderBody,
  IdentityProvider,
  IdParams,
  Ok,
  Problem,
  SsoCallbackQuery,
  SsoProviderOption,
  SsoStartQuery,
  UpdateIdentityProviderBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { secureCookie } from '../../platform/auth/sessions';
import { fieldError, invalid } from '../../platform/errors/app-error';
import type { Module } from '../../platform/http/module';
import { appendAudit } from '../../platform/audit/record';
import { backchannelLogout, LogoutTokenError } from './backchannel';
import {
  backchannelLogoutUriOf,
  finishSignIn,
  FLOW_COOKIE,
  FLOW_COOKIE_PATH,
  FLOW_TTL_SECONDS,
  issuerAllowed,
  postLogoutRedirectUriOf,
  redirectUriOf,
  SsoFailure,
  startSignIn,
} from './oidc';
import { createProvider, deleteProvider, enabledProviders, listProviders, updateProvider, type ProviderView } from './providers';
import { completeSsoSignIn, refuseSsoSignIn } from './sign-in';

const tags = ['identity'];
/** a logout token is a few hundred bytes; the form around it is capped well above that */
const BACKCHANNEL_BODY_LIMIT = 32 * 1024;
/** per minute and client address: a provider ending many sessions at once posts one token per session */
const BACKCHANNEL_RATE_LIMIT = 600;

/** Refuses an issuer that is not https (plain http is allowed on this machine only, for a local provider). */
function checkIssuer(issuer: string | undefined) {
  if (issuer !== undefined && !issuerAllowed(issuer)) throw invalid([fieldError('body.issuer', 'identity.issuer_https')]);
}

/**
 * Single sign-on (issue #16, docs/identity.md): system administrators declare OpenID Connect providers; anyone may
 * start a sign-in with an enabled one, and the provider sends the browser back to the callback.
 */
export const identityModule: Module = ({ config, database }) =>
  async function identityRoutes(app) {
    const db = database.db;
    const configure = { access: { action: 'identity:configure' as const } };
    // a change asks for a recent sign-in or re-authentication (step-up, platform/auth/reauth.ts)
    const change = { access: { action: 'identity:configure' as const, recentAuth: true as const } };
    const signInLimit = { max: config.signInRateLimit, timeWindow: '1 minute' };
    const publicRoute = { access: { auth: 'public' as const } };
    /** A provider with the URIs the administrator registers at it. */
    const withUris = (p: ProviderView) => ({
      ...p,
      redirectUri: redirectUriOf(config.publicUrl),
      postLogoutRedirectUri: postLogoutRedirectUriOf(config.publicUrl),
      backchannelLogoutUri: backchannelLogoutUriOf(config.publicUrl, p.id),
    });

    // the provider's back-channel logout is a form post (this plugin's routes only)
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: BACKCHANNEL_BODY_LIMIT },
      (_req, body, done) => done(null, parseQuery(body as string)),
    );

    app.get(
      '/identity-providers',
      {
        config: configure,
        schema: { tags, summary: 'The single sign-on providers', response: { 200: z.array(IdentityProvider) } },
      },
      async () => (await listProviders(db)).map(withUris),
    );
    app.post(
      '/identity-providers',
      { config: change, schema: { tags, body: CreateIdentityProviderBody, response: { 201: IdentityProvider } } },
      async (req, reply) => {
        checkIssuer(req.body.issuer);
        return reply.code(201).send(withUris(await createProvider(req.ctx, req.body)));
      },
    );
    app.patch(
      '/identity-providers/:id',
      {
        config: change,
        schema: { tags, params: IdParams, body: UpdateIdentityProviderBody, response: { 200: IdentityProvider } },
      },
      async (req) => {
        checkIssuer(req.body.issuer);
        return withUris(await updateProvider(req.ctx, req.params.id, req.body));
      },
    );
    app.delete(
      '/identity-providers/:id',
      { config: change, schema: { tags, params: IdParams, response: { 200: Ok } } },
      async (req) => {
        await deleteProvider(req.ctx, req.params.id);
        return { ok: true as const };
      },
    );

    app.get(
      '/auth/oidc/providers',
      {
        config: publicRoute,
        schema: { tags, summary: 'The providers the sign-in page offers', response: { 200: z.array(SsoProviderOption) } },
      },
      () => enabledProviders(db),
    );

    /** Back to the sign-in page with the reason, which the web app says in the reader's language. */
    const toSignIn = (code: string) => `/sign-in?sso_error=${encodeURIComponent(code)}`;

    app.get(
      '/auth/oidc/start',
      {
        config: { ...publicRoute, rateLimit: signInLimit },
        schema: { tags, summary: 'Start a sign-in with a provider (redirects to it)', querystring: SsoStartQuery },
      },
      async (req, reply) => {
        try {
          const { url, cookie } = await startSignIn(db, config.publicUrl, req.query.provider);
          reply.setCookie(FLOW_COOKIE, cookie, {
            httpOnly: true,
            sameSite: 'lax',
            secure: secureCookie(config, req),
            path: FLOW_COOKIE_PATH,
            maxAge: FLOW_TTL_SECONDS,
          });
          return reply.redirect(url.href, 302);
        } catch (err) {
          if (!(err instanceof SsoFailure)) throw err;
          req.log.warn({ reason: err.reason }, 'single sign-on could not start');
          return reply.redirect(toSignIn(err.code), 302);
        }
      },
    );

    app.get(
      '/auth/oidc/callback',
      {
        config: { ...publicRoute, rateLimit: signInLimit },
        schema: { tags, summary: "The provider's answer (redirects to the app)", querystring: SsoCallbackQuery },
      },
      async (req, reply) => {
        reply.clearCookie(FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
        try {
          const done = await finishSignIn(req.ctx, config.publicUrl, req.cookies[FLOW_COOKIE], req.query);
          await completeSsoSignIn(req, reply, config, { ...done, via: 'oidc' });
          return reply.redirect('/', 302);
        } catch (err) {
          if (!(err instanceof SsoFailure)) throw err;
          return reply.redirect(await refuseSsoSignIn(req, 'oidc', err), 302);
        }
      },
    );

    /**
     * OpenID Connect Back-Channel Logout 1.0: the provider posts a signed logout token and Mamori ends the sessions
     * that sign-in opened (backchannel.ts). No session cookie and no CSRF token: the provider's signature over the
     * token, its audience (this client) and its single-use `jti` are the proof, and it can only end sessions.
     */
    app.post(
      '/auth/oidc/:id/backchannel-logout',
      {
        config: {
          access: { auth: 'public' as const, csrf: false as const },
          rateLimit: { max: BACKCHANNEL_RATE_LIMIT, timeWindow: '1 minute' },
        },
        bodyLimit: BACKCHANNEL_BODY_LIMIT,
        schema: {
          tags,
          summary: "The provider's back-channel logout (a signed logout token, form-encoded): ends its sessions",
          params: IdParams,
          body: BackchannelLogoutBody,
          response: { 200: z.object({}), 400: z.union([BackchannelLogoutError, Problem]) },
        },
      },
      async (req, reply) => {
        try {
          await backchannelLogout(req.ctx, req.params.id, req.body.logout_token);
          return reply.code(200).send({});
        } catch (err) {
          if (!(err instanceof LogoutTokenError)) throw err;
          req.log.warn({ reason: err.message }, 'back-channel logout refused');
          await appendAudit(req.ctx.db, req.ctx.actor, {
            action: 'auth.backchannel-logout-refused',
            targetType: 'identity_provider',
            targetId: req.params.id,
            after: { reason: err.message.slice(0, 500) },
          });
          return reply.code(400).send({ error: 'invalid_request' as const, error_description: err.message });
        }
      },
    );
  };

import {
  CreateIdentityProviderBody,
  IdentityProvider,
  IdParams,
  Ok,
  SsoCallbackQuery,
  SsoProviderOption,
  SsoStartQuery,
  UpdateIdentityProviderBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { secureCookie } from '../../platform/auth/sessions';
import { fieldError, invalid } from '../../platform/errors/app-error';
import type { Module } from '../../platform/http/module';
import { finishSignIn, FLOW_COOKIE, FLOW_COOKIE_PATH, FLOW_TTL_SECONDS, issuerAllowed, SsoFailure, startSignIn } from './oidc';
import { createProvider, deleteProvider, enabledProviders, listProviders, updateProvider } from './providers';
import { completeSsoSignIn, refuseSsoSignIn } from './sign-in';

const tags = ['identity'];

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

    app.get(
      '/identity-providers',
      {
        config: configure,
        schema: { tags, summary: 'The single sign-on providers', response: { 200: z.array(IdentityProvider) } },
      },
      () => listProviders(db),
    );
    app.post(
      '/identity-providers',
      { config: change, schema: { tags, body: CreateIdentityProviderBody, response: { 201: IdentityProvider } } },
      async (req, reply) => {
        checkIssuer(req.body.issuer);
        return reply.code(201).send(await createProvider(req.ctx, req.body));
      },
    );
    app.patch(
      '/identity-providers/:id',
      {
        config: change,
        schema: { tags, params: IdParams, body: UpdateIdentityProviderBody, response: { 200: IdentityProvider } },
      },
      (req) => {
        checkIssuer(req.body.issuer);
        return updateProvider(req.ctx, req.params.id, req.body);
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
  };

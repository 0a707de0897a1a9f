import { parse as parseQuery } from 'node:querystring';
import {
  CreateSamlProviderBody,
  IdParams,
  Ok,
  SamlAcsBody,
  SamlProvider,
  SsoStartQuery,
  UpdateSamlProviderBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { notFound } from '../../../platform/errors/app-error';
import { secureCookie } from '../../../platform/auth/sessions';
import type { Module } from '../../../platform/http/module';
import { SsoFailure } from '../failure';
import { completeSsoSignIn, refuseSsoSignIn } from '../sign-in';
import { finishSamlSignIn, SAML_COOKIE, startSamlSignIn } from './flow';
import { createSamlProvider, deleteSamlProvider, listSamlProviders, samlProviderExists, updateSamlProvider } from './providers';
import { REQUEST_TTL_MS, SAML_PATH, spMetadata } from './sp';

const tags = ['identity'];
const ACS_BODY_LIMIT = 1024 * 1024;

/**
 * SAML 2.0 single sign-on (docs/identity.md): system administrators declare IdPs; anyone may start a sign-in with
 * an enabled one; the IdP posts its signed answer to the provider's assertion consumer service.
 */
export const samlModule: Module = ({ config, database }) =>
  async function samlRoutes(app) {
    const db = database.db;
    const publicUrl = config.publicUrl;
    const configure = { access: { action: 'identity:configure' as const } };
    // a change asks for a recent sign-in or re-authentication (step-up, platform/auth/reauth.ts)
    const change = { access: { action: 'identity:configure' as const, recentAuth: true as const } };
    const signInLimit = { max: config.signInRateLimit, timeWindow: '1 minute' };
    const publicRoute = { access: { auth: 'public' as const } };

    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: ACS_BODY_LIMIT },
      (_req, body, done) => done(null, parseQuery(body as string)),
    );

    app.get(
      '/saml-providers',
      {
        config: configure,
        schema: { tags, summary: 'The SAML 2.0 identity providers', response: { 200: z.array(SamlProvider) } },
      },
      () => listSamlProviders(db, publicUrl),
    );
    app.post(
      '/saml-providers',
      { config: change, schema: { tags, body: CreateSamlProviderBody, response: { 201: SamlProvider } } },
      async (req, reply) => reply.code(201).send(await createSamlProvider(req.ctx, publicUrl, req.body)),
    );
    app.patch(
      '/saml-providers/:id',
      { config: change, schema: { tags, params: IdParams, body: UpdateSamlProviderBody, response: { 200: SamlProvider } } },
      (req) => updateSamlProvider(req.ctx, publicUrl, req.params.id, req.body),
    );
    app.delete(
      '/saml-providers/:id',
      { config: change, schema: { tags, params: IdParams, response: { 200: Ok } } },
      async (req) => {
        await deleteSamlProvider(req.ctx, publicUrl, req.params.id);
        return { ok: true as const };
      },
    );

    app.get(
      `${SAML_PATH.replace(/^\/api/, '')}/:id/metadata`,
      {
        config: publicRoute,
        schema: { tags, summary: "Mamori's SP metadata for one provider (to give to the IdP)", params: IdParams },
      },
      async (req, reply) => {
        if (!(await samlProviderExists(db, req.params.id))) throw notFound();
        return reply.type('application/samlmetadata+xml').send(spMetadata(publicUrl, req.params.id));
      },
    );

    app.get(
      `${SAML_PATH.replace(/^\/api/, '')}/start`,
      {
        config: { ...publicRoute, rateLimit: signInLimit },
        schema: { tags, summary: 'Start a SAML sign-in (redirects to the IdP)', querystring: SsoStartQuery },
      },
      async (req, reply) => {
        const { url, cookie } = await startSamlSignIn(db, publicUrl, req.query.provider);
        const secure = secureCookie(config, req);
        reply.setCookie(SAML_COOKIE, cookie, {
          httpOnly: true,
          // the IdP posts the answer from its own site: a Lax cookie would not come with it (None needs Secure)
          sameSite: secure ? 'none' : 'lax',
          secure,
          path: SAML_PATH,
          maxAge: REQUEST_TTL_MS / 1000,
        });
        return reply.redirect(url, 302);
      },
    );

    app.post(
      `${SAML_PATH.replace(/^\/api/, '')}/:id/acs`,
      {
        config: { access: { auth: 'public' as const, csrf: false as const }, rateLimit: signInLimit },
        schema: {
          tags,
          summary: "The IdP's answer (HTTP-POST binding; redirects to the app)",
          params: IdParams,
          body: SamlAcsBody,
        },
      },
      async (req, reply) => {
        reply.clearCookie(SAML_COOKIE, { path: SAML_PATH });
        try {
          const done = await finishSamlSignIn(req.ctx, publicUrl, req.params.id, req.cookies[SAML_COOKIE], req.body.SAMLResponse);
          await completeSsoSignIn(req, reply, config, { ...done, via: 'saml' });
          return reply.redirect('/', 302);
        } catch (err) {
          if (!(err instanceof SsoFailure)) throw err;
          return reply.redirect(await refuseSsoSignIn(req, 'saml', err), 302);
        }
      },
    );
  };

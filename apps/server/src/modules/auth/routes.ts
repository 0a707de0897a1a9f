import {
  ApiToken,
  ChangePasswordBody,
  CreatedToken,
  CreateTokenBody,
  IdParams,
  Me,
  MfaCodeBody,
  MfaDisableBody,
  MfaSetup,
  Ok,
  ReauthBody,
  ReauthResult,
  SetupBody,
  SetupStatus,
  SignInBody,
  SignOutResult,
  UpdateMeBody,
} from '@mamori/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { loadPrincipal } from '../../platform/auth/principal-loader';
import { createSession, deleteSession, SESSION_COOKIE, setSessionCookie, type SessionMfa } from '../../platform/auth/sessions';
import { sessions, users } from '../../platform/auth/tables';
import { AppError, msg } from '../../platform/errors/app-error';
import type { Module } from '../../platform/http/module';
import { inTransaction } from '../../platform/tx';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import * as account from './account';
import { takeCeremony } from './passkeys/challenge';
import { passkeyRoutes } from './passkeys/routes';
import { checkPasskey } from './passkeys/sign-in';
import { reauthenticate } from './reauth';
import { endSessionUrl } from '../identity/service';
import { checkCredentials } from './sign-in';
import { createAdmin, userCount } from './users';

const tags = ['auth'];
const signedIn = { access: { auth: 'signed-in' as const, duringMfaEnrollment: true } };
const publicRoute = { access: { auth: 'public' as const } };

export const authModule: Module = ({ config, database }) =>
  async function auth(app) {
    const db = database.db;

    async function startSession(request: FastifyRequest, reply: FastifyReply, userId: string, mfa: SessionMfa = null) {
      const { secret, maxAgeSeconds } = await createSession(db, userId, request.ip, request.headers['user-agent'] ?? null, mfa);
      setSessionCookie(config, request, reply, secret, maxAgeSeconds);
      const principal = await loadPrincipal(db, userId, 'session', null);
      if (!principal) throw new AppError('unauthenticated');
      return account.presentMe(db, principal, secret);
    }

    app.get('/setup', { config: publicRoute, schema: { tags, response: { 200: SetupStatus } } }, async () => ({
      needed: (await userCount(db)) === 0,
    }));

    app.post(
      '/setup',
      {
        config: { ...publicRoute, rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Create the first administrator (only while no user exists)',
          body: SetupBody,
          response: { 200: Me },
        },
      },
      async (request, reply) => {
        const user = await inTransaction(request.ctx, async (tx, audit) => {
          // Serialise concurrent setups; the second one sees the first admin and is refused.
          await tx.execute(sql`SELECT pg_advisory_xact_lock(727275)`);
          if ((await userCount(tx)) > 0) throw new AppError('setup-done', msg('auth.setup_done'));
          return createAdmin(tx, audit, request.body);
        });
        return startSession(request, reply, user.id);
      },
    );

    app.post(
      '/auth/sign-in',
      {
        config: { ...publicRoute, rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
        schema: { tags, body: SignInBody, response: { 200: Me } },
      },
      async (request, reply) => {
        const { email, password, totp, passkey } = request.body;
        const { user, mfaStep, mfa } = await checkCredentials(db, request.ctx.actor, email, password, {
          totp,
          passkey: passkey
            ? async (u) => {
                const ceremony = await takeCeremony(db, request, reply, 'sign-in');
                await checkPasskey(db, config, passkey, ceremony.c, { owner: u.id, requireUserVerification: false });
              }
            : undefined,
        });
        await inTransaction(
          { ...request.ctx, actor: { ...request.ctx.actor, userId: user.id, label: user.email } },
          async (tx, audit) => {
            // A TOTP step is used once: the conditional update refuses a step that a concurrent sign-in just used.
            const [fresh] = await tx
              .update(users)
              .set({ failedSignIns: 0, lockedUntil: null, lastActiveAt: new Date(), mfaLastStep: mfaStep })
              .where(
                and(
                  eq(users.id, user.id),
                  mfa === 'totp' && mfaStep !== null ? or(isNull(users.mfaLastStep), lt(users.mfaLastStep, mfaStep)) : undefined,
                ),
              )
              .returning({ id: users.id });
            if (!fresh) throw new AppError('mfa-required', msg('auth.totp_reused'));
            await audit({ action: 'auth.sign-in', targetType: 'user', targetId: user.id, ...(mfa ? { after: { mfa } } : {}) });
          },
        );
        return startSession(request, reply, user.id, mfa);
      },
    );

    app.post(
      '/auth/sign-out',
      { config: signedIn, schema: { tags, response: { 200: SignOutResult } } },
      async (request, reply) => {
        const sessionId = request.principal?.sessionId;
        const [session] = sessionId ? await db.select().from(sessions).where(eq(sessions.id, sessionId)) : [];
        if (sessionId) await deleteSession(db, sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        // a session from an OpenID Connect provider also ends the provider's session, when it offers a logout endpoint
        const logoutUrl = session ? await endSessionUrl(db, config.publicUrl, session) : null;
        return { ok: true as const, ...(logoutUrl ? { logoutUrl } : {}) };
      },
    );

    app.get('/me', { config: signedIn, schema: { tags, response: { 200: Me } } }, async (request) =>
      account.presentMe(db, request.principal!, request.sessionSecret),
    );

    app.patch('/me', { config: signedIn, schema: { tags, body: UpdateMeBody, response: { 200: Me } } }, async (request) => {
      await account.updateProfile(request.ctx, request.body);
      const p = await loadPrincipal(db, request.principal!.userId, request.principal!.via, request.principal!.sessionId);
      return account.presentMe(db, p!, request.sessionSecret);
    });

    app.post(
      '/me/password',
      { config: signedIn, schema: { tags, body: ChangePasswordBody, response: { 200: Ok } } },
      async (request) => {
        await account.changePassword(request.ctx, request.body.currentPassword, request.body.newPassword);
        return { ok: true as const };
      },
    );

    app.post('/me/mfa/setup', { config: signedIn, schema: { tags, response: { 200: MfaSetup } } }, async (request) =>
      account.startMfa(request.ctx),
    );
    app.post(
      '/me/mfa/enable',
      { config: signedIn, schema: { tags, body: MfaCodeBody, response: { 200: Ok } } },
      async (request) => {
        await account.enableMfa(request.ctx, request.body.code);
        return { ok: true as const };
      },
    );
    app.post(
      '/me/mfa/disable',
      { config: { access: { auth: 'signed-in' } }, schema: { tags, body: MfaDisableBody, response: { 200: Ok } } },
      async (request) => {
        await account.disableMfa(request.ctx, request.body.password, request.body.code);
        return { ok: true as const };
      },
    );

    passkeyRoutes(app, config, db, startSession);

    app.post(
      '/auth/reauth',
      {
        config: { ...signedIn, rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Confirm who you are again (password or passkey) before a sensitive action',
          body: ReauthBody,
          response: { 200: ReauthResult },
        },
      },
      (request, reply) => reauthenticate(db, config, request, reply, request.body),
    );

    const tokenAccess = { access: { auth: 'signed-in' as const } };
    // a token is a lasting credential: making one asks for a recent authentication (step-up)
    const tokenCreate = { access: { auth: 'signed-in' as const, recentAuth: true as const } };
    app.get(
      '/me/tokens',
      { config: tokenAccess, schema: { tags, response: { 200: z.object({ items: z.array(ApiToken) }) } } },
      async (request) => ({
        items: (await account.listTokens(request.ctx)).map(account.presentToken),
      }),
    );
    app.post(
      '/me/tokens',
      { config: tokenCreate, schema: { tags, body: CreateTokenBody, response: { 201: CreatedToken } } },
      async (request, reply) => {
        const { token, row } = await account.issueToken(
          request.ctx,
          request.principal!.userId,
          request.body.name,
          request.body.expiresInDays,
        );
        return reply.code(201).send({ ...account.presentToken(row), token });
      },
    );
    app.delete(
      '/me/tokens/:id',
      { config: tokenAccess, schema: { tags, params: IdParams, response: { 200: Ok } } },
      async (request) => {
        await account.revokeToken(request.ctx, request.params.id);
        return { ok: true as const };
      },
    );
  };

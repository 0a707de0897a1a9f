import {
  IdParams,
  Me,
  Ok,
  Passkey,
  PasskeyOptions,
  PasskeySignInBody,
  RegisterPasskeyBody,
  RenamePasskeyBody,
} from '@mamori/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import type { SessionMfa } from '../../../platform/auth/sessions';
import { AppError, conflict, msg } from '../../../platform/errors/app-error';
import { inTransaction } from '../../../platform/tx';
import { users } from '../../../platform/auth/tables';
import { eq } from 'drizzle-orm';
import { setCeremony, takeCeremony } from './challenge';
import { signInWithPasskey } from './sign-in';
import { addPasskey, deletePasskey, passkeysOf, presentPasskey, renamePasskey } from './store';
import { authenticationOptions, registrationOptions, verifyRegistration } from './webauthn';

const tags = ['auth'];
const own = { access: { auth: 'signed-in' as const, duringMfaEnrollment: true } };
/** adding or removing a passkey changes how the account signs in: a recent authentication is asked (step-up) */
const ownSensitive = { access: { ...own.access, recentAuth: true as const } };

type StartSession = (request: FastifyRequest, reply: FastifyReply, userId: string, mfa: SessionMfa) => Promise<Me>;

/**
 * Passkeys (WebAuthn, docs/identity.md): one's own passkeys under /me/passkeys (reachable while MFA enrolment is
 * required: a passkey is one way to enrol), and the passwordless sign-in under /auth/passkey.
 */
type App = Parameters<FastifyPluginAsyncZod>[0];

export function passkeyRoutes(app: App, config: Config, db: Db, startSession: StartSession) {
  const signInLimit = { max: config.signInRateLimit, timeWindow: '1 minute' };

  app.get(
    '/me/passkeys',
    { config: own, schema: { tags, response: { 200: z.object({ items: z.array(Passkey) }) } } },
    async (request) => ({
      items: (await passkeysOf(db, request.principal!.userId)).map(presentPasskey),
    }),
  );

  app.post(
    '/me/passkeys/options',
    {
      config: ownSensitive,
      schema: { tags, summary: 'Options to create a passkey (navigator.credentials.create)', response: { 200: PasskeyOptions } },
    },
    async (request, reply) => {
      const p = request.principal!;
      const options = await registrationOptions(
        config,
        { id: p.userId, email: p.email, name: p.name },
        await passkeysOf(db, p.userId),
      );
      setCeremony(config, request, reply, { c: options.challenge, k: 'register', u: p.userId, s: p.sessionId ?? '' });
      return { ...options };
    },
  );

  app.post(
    '/me/passkeys',
    { config: own, schema: { tags, summary: 'Register a passkey', body: RegisterPasskeyBody, response: { 201: Passkey } } },
    async (request, reply) => {
      const p = request.principal!;
      const ceremony = await takeCeremony(db, request, reply, 'register');
      if (ceremony.u !== p.userId || ceremony.s !== (p.sessionId ?? ''))
        throw new AppError('unauthenticated', msg('auth.passkey_expired'));
      const credential = await verifyRegistration(config, request.body.response, ceremony.c);
      const row = await addPasskey(request.ctx, { ...credential, userId: p.userId, name: request.body.name });
      if (!row) throw conflict(msg('auth.passkey_exists'));
      return reply.code(201).send(presentPasskey(row));
    },
  );

  app.patch(
    '/me/passkeys/:id',
    { config: own, schema: { tags, params: IdParams, body: RenamePasskeyBody, response: { 200: Passkey } } },
    async (request) => presentPasskey(await renamePasskey(request.ctx, request.params.id, request.body.name)),
  );

  app.delete(
    '/me/passkeys/:id',
    { config: ownSensitive, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (request) => {
      await deletePasskey(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/passkey/options',
    {
      config: { access: { auth: 'public' as const }, rateLimit: signInLimit },
      schema: {
        tags,
        summary: 'Options to sign in with a passkey, alone or as the second factor (navigator.credentials.get)',
        response: { 200: PasskeyOptions },
      },
    },
    async (request, reply) => {
      const options = await authenticationOptions(config);
      setCeremony(config, request, reply, { c: options.challenge, k: 'sign-in' });
      return { ...options };
    },
  );

  app.post(
    '/auth/passkey/sign-in',
    {
      config: { access: { auth: 'public' as const }, rateLimit: signInLimit },
      schema: { tags, summary: 'Sign in with a passkey (no password)', body: PasskeySignInBody, response: { 200: Me } },
    },
    async (request, reply) => {
      const ceremony = await takeCeremony(db, request, reply, 'sign-in');
      const user = await signInWithPasskey(db, config, request.ctx.actor, request.body.response, ceremony.c);
      await inTransaction(
        { ...request.ctx, actor: { ...request.ctx.actor, userId: user.id, label: user.email } },
        async (tx, audit) => {
          await tx.update(users).set({ failedSignIns: 0, lastActiveAt: new Date() }).where(eq(users.id, user.id));
          await audit({ action: 'auth.sign-in', targetType: 'user', targetId: user.id, after: { via: 'passkey' } });
        },
      );
      return startSession(request, reply, user.id, 'passkey');
    },
  );
}

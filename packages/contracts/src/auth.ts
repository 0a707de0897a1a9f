import { z } from 'zod';
import { ACTIONS, ROLES } from './access';
import { Language, Str } from './common';

export const Email = z
  .email()
  .max(254)
  .transform((s) => s.toLowerCase());
/** Policy details (length, common passwords) are checked by the server, which names the rule broken. */
export const Password = Str().min(1).max(256);

export const SetupStatus = z.object({ needed: z.boolean() });
export const SetupBody = z.object({ email: Email, password: Password, name: Str().trim().min(1).max(200) }).strict();

/** base64url, as WebAuthn's JSON encodings carry binary values */
const B64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, 'base64url');

/**
 * A WebAuthn assertion as `@simplewebauthn/browser`'s startAuthentication() answers it (AuthenticationResponseJSON).
 * Fields browsers add are kept (loose); sizes are bounded.
 */
export const PasskeyAssertion = z.looseObject({
  id: B64url(1400).min(1),
  rawId: B64url(1400).min(1),
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: B64url(4000).min(1),
    authenticatorData: B64url(4000).min(1),
    signature: B64url(2000).min(1),
    userHandle: B64url(200).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.string().max(40).optional(),
});
export type PasskeyAssertion = z.infer<typeof PasskeyAssertion>;

/** A WebAuthn attestation as startRegistration() answers it (RegistrationResponseJSON). */
export const PasskeyAttestation = z.looseObject({
  id: B64url(1400).min(1),
  rawId: B64url(1400).min(1),
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: B64url(4000).min(1),
    attestationObject: B64url(20_000).min(1),
    transports: z.array(z.string().max(40)).max(10).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.string().max(40).optional(),
});
export type PasskeyAttestation = z.infer<typeof PasskeyAttestation>;

export const SignInBody = z
  .object({
    email: Email,
    password: Password,
    totp: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    /** the second factor as a passkey instead of a TOTP code (options from POST /auth/passkey/options) */
    passkey: PasskeyAssertion.optional(),
  })
  .strict();

/** WebAuthn options for the browser (PublicKeyCredentialCreationOptionsJSON / …RequestOptionsJSON), passed as is. */
export const PasskeyOptions = z.looseObject({ challenge: z.string() });
export const PasskeySignInBody = z.object({ response: PasskeyAssertion }).strict();

const PasskeyName = () => Str().trim().min(1).max(100);
export const Passkey = z.object({
  id: z.uuid(),
  name: z.string(),
  /** `multiDevice`: a synced passkey; `singleDevice`: bound to one authenticator (a security key) */
  deviceType: z.string(),
  backedUp: z.boolean(),
  transports: z.array(z.string()),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type Passkey = z.infer<typeof Passkey>;
export const RegisterPasskeyBody = z.object({ name: PasskeyName(), response: PasskeyAttestation }).strict();
export const RenamePasskeyBody = z.object({ name: PasskeyName() }).strict();

/**
 * Re-authentication (step-up) before a sensitive action: the password, or a passkey assertion (options from
 * POST /auth/passkey/options). Exactly one of the two.
 */
export const ReauthBody = z.object({ password: Password.optional(), passkey: PasskeyAssertion.optional() }).strict();
/** The session proved who it is at `authenticatedAt`; sensitive actions are allowed until `validUntil`. */
export const ReauthResult = z.object({ authenticatedAt: z.iso.datetime(), validUntil: z.iso.datetime() });
export type ReauthResult = z.infer<typeof ReauthResult>;

/**
 * Signed out. `logoutUrl`: the session came from an OpenID Connect provider that offers RP-initiated logout; the
 * browser goes there so that the provider's session ends too.
 */
export const SignOutResult = z.object({ ok: z.literal(true), logoutUrl: z.string().optional() });
export type SignOutResult = z.infer<typeof SignOutResult>;

/**
 * What a role of the signed-in user reaches, as the home page tells it: the whole group, an org unit (the
 * grant's), one's own unit (a role that acts on one's own records, such as employee), or one's own company
 * (a partner account). Names in both languages; the web app shows the reader's.
 */
export const GrantReach = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group') }),
  z.object({ kind: z.enum(['unit', 'own_unit', 'own_company']), nameJa: z.string(), nameEn: z.string() }),
  z.object({ kind: z.literal('own_records') }),
]);
export type GrantReach = z.infer<typeof GrantReach>;

export const RoleGrant = z.object({
  id: z.uuid(),
  role: z.enum(ROLES),
  orgUnitId: z.uuid().nullable(),
  orgUnitName: z.string().nullable(),
  orgUnitNameJa: z.string().nullable(),
  reach: GrantReach,
});

export const Me = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    language: Language.nullable(),
    mfaEnabled: z.boolean(),
    kind: z.enum(['internal', 'partner']),
    /** the person record linked to the account (records name people: a risk's owner, a task's assignee) */
    personId: z.uuid().nullable(),
  }),
  roles: z.array(RoleGrant),
  actions: z.array(z.enum(ACTIONS)),
  mfaEnrollmentRequired: z.boolean(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;

export const UpdateMeBody = z
  .object({ language: Language.nullable().optional(), name: Str().trim().min(1).max(200).optional() })
  .strict();
export const ChangePasswordBody = z.object({ currentPassword: Password, newPassword: Password }).strict();

export const MfaSetup = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export const MfaCodeBody = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();
export const MfaDisableBody = z.object({ password: Password, code: z.string().regex(/^\d{6}$/) }).strict();

export const ApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export const CreateTokenBody = z
  .object({ name: Str().trim().min(1).max(100), expiresInDays: z.number().int().min(1).max(365).default(90) })
  .strict();
export const CreatedToken = ApiToken.extend({ token: z.string() });

import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { orgUnits, people } from '../../modules/org/tables';
import { partners } from '../../modules/partners/tables';

/**
 * Identity tables. They reference the org tables (people, org units): the organisation is the
 * backbone of both sign-in (one person, one account) and permission scopes. A partner (external) account
 * belongs to one partner company and sees only that company's records.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    kind: text('kind', { enum: ['internal', 'partner'] })
      .notNull()
      .default('internal'),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    personId: uuid('person_id')
      .unique()
      .references(() => people.id, { onDelete: 'restrict' }),
    /** The partner company of an external account (kind 'partner'); null for internal accounts. */
    partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'restrict' }),
    language: text('language', { enum: ['ja', 'en'] }),
    mfaSecret: text('mfa_secret'),
    mfaPendingSecret: text('mfa_pending_secret'),
    mfaEnabled: boolean('mfa_enabled').notNull().default(false),
    mfaLastStep: integer('mfa_last_step'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('users_last_active_idx').on(t.status, t.lastActiveAt),
    index('users_partner_idx').on(t.partnerId),
    check('users_partner_kind', sql`(${t.kind} = 'partner') = (${t.partnerId} IS NOT NULL)`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie value; the value itself is never stored. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /**
     * The second factor this session was opened with: `totp`, `passkey` (a passkey with user verification is
     * itself two factors), `idp` (the identity provider said it did MFA: its `amr`/`acr`); null for none.
     */
    mfa: text('mfa', { enum: ['totp', 'passkey', 'idp'] }),
    /**
     * When the person last proved who they are in this session: the sign-in, then each re-authentication
     * (`POST /api/auth/reauth`). Sensitive actions need it to be recent (platform/auth/reauth.ts).
     */
    authenticatedAt: timestamp('authenticated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * A session opened through an OpenID Connect provider: the provider, and its ID token **sealed** (`sso` purpose
     * key), the `id_token_hint` of the provider's logout (RP-initiated logout) when the session signs out.
     */
    ssoProviderId: uuid('sso_provider_id'),
    ssoIdTokenSealed: text('sso_id_token_sealed'),
    /**
     * The provider's `sub` and session id (`sid`, when its ID token carries one) of a session opened through OpenID
     * Connect: a back-channel logout token names one or both, and ends exactly the sessions that match.
     */
    ssoSubject: text('sso_subject'),
    ssoSid: text('sso_sid'),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    // only sessions opened through a provider: most are not, and these are read by back-channel logout alone
    index('sessions_sso_subject_idx')
      .on(t.ssoProviderId, t.ssoSubject)
      .where(sql`${t.ssoProviderId} IS NOT NULL`),
    index('sessions_sso_sid_idx')
      .on(t.ssoProviderId, t.ssoSid)
      .where(sql`${t.ssoSid} IS NOT NULL`),
  ],
);

/**
 * A WebAuthn credential (passkey) of an account: used as the second factor after a password, or alone for a
 * passwordless sign-in (discoverable credential, user verification required). `credential_id` and `public_key`
 * are base64url (the public key is COSE); `counter` is the signature counter last seen (0 when the authenticator
 * keeps none, as synced passkeys do): a counter that does not grow is a cloned authenticator and is refused.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    credentialId: text('credential_id').notNull().unique(),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default([]),
    /** `singleDevice` or `multiDevice` (synced); whether it is backed up, as the authenticator last said */
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull().default(false),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkeys_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    /** null = the whole group */
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [unique('role_assignments_unique').on(t.userId, t.role, t.orgUnitId).nullsNotDistinct()],
);

export const activationTokens = pgTable('activation_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * WebAuthn challenges already answered, kept until they expire: the challenge travels sealed in a cookie (no
 * server state between options and answer), and this ledger makes each one single-use in every process (a replayed
 * answer loses on the primary key).
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    challenge: text('challenge').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webauthn_challenges_expiry_idx').on(t.expiresAt)],
);

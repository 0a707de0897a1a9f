import { SSO_MATCH_BY, SSO_PROVIDER_KINDS } from '@mamori/contracts';
import { boolean, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables';

/**
 * A provider people may sign in with (docs/identity.md): OpenID Connect, or SAML 2.0 (its IdP settings in
 * `saml_providers`; `issuer` is then the IdP's entity id and `client_id` is empty). The client secret is stored
 * sealed (AES-256-GCM under the `sso` purpose key, platform/secrets/at-rest.ts), never in clear.
 */
export const identityProviders = pgTable('identity_providers', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: SSO_PROVIDER_KINDS }).notNull().default('oidc'),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  /** `v1.<key id>.…` (platform/secrets/seal.ts); null for a public client */
  clientSecretSealed: text('client_secret_sealed'),
  matchBy: text('match_by', { enum: SSO_MATCH_BY }).notNull().default('email'),
  claim: text('claim').notNull().default('email'),
  /** OIDC: the ID token claim listing the person's groups, for the group → role rules of this provider */
  groupsClaim: text('groups_claim').notNull().default('groups'),
  createAccounts: boolean('create_accounts').notNull().default(false),
  enabled: boolean('enabled').notNull().default(true),
  /** OIDC: the e-mail domains the administrator verified for this provider; empty: any domain, `email_verified` true */
  emailDomains: text('email_domains').array().notNull().default([]),
  /** OIDC: the `amr` values of which one means the provider did MFA (e.g. `mfa`, `otp`, `hwk`) */
  mfaAmr: text('mfa_amr').array().notNull().default([]),
  /** OIDC: the `acr` values that mean the provider did MFA */
  mfaAcr: text('mfa_acr').array().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An account's identity at a provider: the `sub` of its ID tokens. Written on the first sign-in that linked the
 * account (by verified e-mail or employee number); later sign-ins find the account by it alone.
 */
export const ssoIdentities = pgTable(
  'sso_identities',
  {
    providerId: uuid('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'sso_identities_pk', columns: [t.providerId, t.subject] }),
    unique('sso_identities_user').on(t.providerId, t.userId),
    index('sso_identities_user_idx').on(t.userId),
  ],
);

/**
 * The groups a provider asserted for an account at its last sign-in (OIDC groups claim, SAML groups attribute),
 * replaced at each sign-in: the group → role rules of that provider (scim_role_rules.provider_id) read them.
 */
export const ssoGroupMemberships = pgTable(
  'sso_group_memberships',
  {
    providerId: uuid('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    group: text('group_name').notNull(),
  },
  (t) => [
    primaryKey({ name: 'sso_group_memberships_pk', columns: [t.providerId, t.userId, t.group] }),
    index('sso_group_memberships_user_idx').on(t.userId),
  ],
);

/**
 * The `jti` of back-channel logout tokens already accepted from a provider, kept until the token could no longer pass
 * the age check anyway: a replay is refused by every process (the primary key decides a race).
 */
export const oidcLogoutTokens = pgTable(
  'oidc_logout_tokens',
  {
    providerId: uuid('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    jti: text('jti').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'oidc_logout_tokens_pk', columns: [t.providerId, t.jti] }),
    index('oidc_logout_tokens_expires_idx').on(t.expiresAt),
  ],
);

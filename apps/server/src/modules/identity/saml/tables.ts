import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { identityProviders } from '../tables';

/**
 * The IdP side of a SAML 2.0 provider (an `identity_providers` row of kind `saml`): where to send AuthnRequests,
 * the certificates its assertions are signed with, and which attributes carry what (docs/identity.md).
 */
export const samlProviders = pgTable('saml_providers', {
  providerId: uuid('provider_id')
    .primaryKey()
    .references(() => identityProviders.id, { onDelete: 'cascade' }),
  /** the IdP's SingleSignOnService location (HTTP-Redirect binding) */
  ssoUrl: text('sso_url').notNull(),
  /** the IdP's signing certificates, PEM; several during a rollover */
  certificates: text('certificates').array().notNull(),
  emailAttribute: text('email_attribute').notNull(),
  employeeNoAttribute: text('employee_no_attribute').notNull(),
  nameAttribute: text('name_attribute').notNull(),
  groupsAttribute: text('groups_attribute').notNull(),
  /** e-mail domains the administrator has verified belong to this IdP: only these e-mails link to accounts */
  emailDomains: text('email_domains').array().notNull(),
});

/** An AuthnRequest sent and not yet answered: its ID is the InResponseTo the answer must carry (used once). */
export const samlRequests = pgTable(
  'saml_requests',
  {
    id: text('id').primaryKey(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('saml_requests_expires_idx').on(t.expiresAt)],
);

/** The IDs of assertions already used to sign in, kept until they expire, so none is accepted twice. */
export const samlAssertions = pgTable(
  'saml_assertions',
  {
    providerId: uuid('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    assertionId: text('assertion_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'saml_assertions_pk', columns: [t.providerId, t.assertionId] }),
    index('saml_assertions_expires_idx').on(t.expiresAt),
  ],
);

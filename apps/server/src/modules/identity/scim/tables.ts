import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../org/tables';
import { roleAssignments, users } from '../../../platform/auth/tables';
import { identityProviders } from '../tables';

/** A bearer token of a SCIM client (an identity provider that provisions accounts). Only its SHA-256 is kept. */
export const scimTokens = pgTable('scim_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** the first characters of the token, to recognise it in the list */
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * The SCIM side of an account: the resource as the provider last wrote it (names, e-mails, enterprise extension),
 * its `userName` and `externalId`, and its version (`meta.version`, checked against If-Match).
 */
export const scimUsers = pgTable(
  'scim_users',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    userName: text('user_name').notNull(),
    externalId: text('external_id'),
    /** the SCIM attributes other than id, userName, externalId, active and meta */
    resource: jsonb('resource').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('scim_users_user_name').on(sql`lower(${t.userName})`),
    index('scim_users_external_id').on(t.externalId),
    index('scim_users_updated_idx').on(t.updatedAt),
  ],
);

export const scimGroups = pgTable(
  'scim_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    displayName: text('display_name').notNull(),
    externalId: text('external_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('scim_groups_display_name').on(sql`lower(${t.displayName})`),
    index('scim_groups_external_id').on(t.externalId),
  ],
);

export const scimGroupMembers = pgTable(
  'scim_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => scimGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ name: 'scim_group_members_pk', columns: [t.groupId, t.userId] }),
    index('scim_group_members_user_idx').on(t.userId),
  ],
);

/**
 * A group → role rule: members of the SCIM group (matched by its displayName, case-insensitive, or its id) hold
 * the role, in the org unit (null: the whole group). With a provider: the group is one that single sign-on
 * provider asserts at sign-in (`sso_group_memberships`). Kept by system administrators.
 */
export const scimRoleRules = pgTable('scim_role_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** null: a SCIM group; else the OIDC or SAML provider whose asserted groups the rule reads */
  providerId: uuid('provider_id').references(() => identityProviders.id, { onDelete: 'cascade' }),
  /** the group's displayName or id (SCIM), or the group value the provider asserts */
  group: text('group_match').notNull(),
  role: text('role').notNull(),
  orgUnitId: uuid('org_unit_id').references(() => orgUnits.id, { onDelete: 'cascade' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The role assignments that SCIM rules granted: only these are ever removed by SCIM, never a manual grant. */
export const scimRoleGrants = pgTable('scim_role_grants', {
  assignmentId: uuid('assignment_id')
    .primaryKey()
    .references(() => roleAssignments.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

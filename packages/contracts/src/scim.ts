import { z } from 'zod';
import { ROLES } from './access';
import { Str, Uuid } from './common';

/**
 * SCIM 2.0 provisioning (docs/identity.md#scim-20-provisioning): the bearer tokens SCIM clients use and the
 * group → role rules, both kept by system administrators in Settings.
 */
export const ScimToken = z.object({
  id: Uuid,
  name: z.string(),
  /** the token's first characters, to recognise it */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ScimToken = z.infer<typeof ScimToken>;

/** The answer to a token creation: the only time the token itself is shown. */
export const ScimTokenCreated = ScimToken.extend({ token: z.string() });

export const CreateScimTokenBody = z.object({ name: Str().trim().min(1).max(100) }).strict();

export const ScimRoleRule = z.object({
  id: Uuid,
  /** null: the rule reads SCIM groups; else the OIDC or SAML provider whose asserted groups it reads */
  providerId: Uuid.nullable(),
  /** the SCIM group's displayName (case-insensitive) or id */
  group: z.string(),
  role: z.enum(ROLES),
  orgUnitId: Uuid.nullable(),
  orgUnitNameJa: z.string().nullable(),
  orgUnitNameEn: z.string().nullable(),
  /** members of the matching group now holding the role through this rule */
  grants: z.number().int(),
  createdAt: z.string(),
});
export type ScimRoleRule = z.infer<typeof ScimRoleRule>;

export const CreateScimRoleRuleBody = z
  .object({
    group: Str().trim().min(1).max(256),
    role: z.enum(ROLES),
    orgUnitId: Uuid.nullable().default(null),
    providerId: Uuid.nullable().default(null),
  })
  .strict();
export type CreateScimRoleRuleBody = z.infer<typeof CreateScimRoleRuleBody>;

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

export const SignInBody = z
  .object({
    email: Email,
    password: Password,
    totp: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();

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

import { ListExportParams } from './lists';
import { z } from 'zod';
import { ROLES } from './access';
import { ListQuery, RowVersion, Str } from './common';

export const ORG_KINDS = ['company', 'site', 'department', 'section'] as const;
export const OrgKind = z.enum(ORG_KINDS);

export const OrgUnit = z.object({
  rowVersion: RowVersion,
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  kind: OrgKind,
  nameJa: z.string(),
  nameEn: z.string(),
  depth: z.number().int(),
  childCount: z.number().int(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;
export const OrgUnitDetail = OrgUnit.extend({
  ancestors: z.array(z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() })),
  peopleCount: z.number().int(),
});

const Code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, . _ - (1–40)');
export const CreateOrgUnitBody = z
  .object({
    parentId: z.uuid().nullable(),
    code: Code,
    kind: OrgKind,
    nameJa: Str().trim().min(1).max(200),
    nameEn: Str().trim().min(1).max(200),
  })
  .strict();
export const UpdateOrgUnitBody = CreateOrgUnitBody.partial().strict();
export const OrgUnitListQuery = ListQuery.extend({ parentId: z.union([z.uuid(), z.literal('root')]).optional() }).strict();

export const PERSON_KINDS = ['employee', 'contractor', 'temporary'] as const;
export const PERSON_STATUSES = ['active', 'left'] as const;
export const Person = z.object({
  rowVersion: RowVersion,
  id: z.uuid(),
  employeeNo: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  email: z.string().nullable(),
  kind: z.enum(PERSON_KINDS),
  status: z.enum(PERSON_STATUSES),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  orgUnitNameJa: z.string(),
  accountId: z.uuid().nullable(),
  updatedAt: z.iso.datetime(),
});
export type Person = z.infer<typeof Person>;
export const CreatePersonBody = z
  .object({
    employeeNo: Code,
    nameJa: Str().trim().min(1).max(200),
    nameEn: Str().trim().min(1).max(200),
    email: z.email().max(254).nullable().optional(),
    kind: z.enum(PERSON_KINDS),
    orgUnitId: z.uuid(),
  })
  .strict();
export const UpdatePersonBody = CreatePersonBody.partial()
  .extend({ status: z.enum(PERSON_STATUSES).optional() })
  .strict();
export const PersonListQuery = ListQuery.extend({
  orgUnitId: z.uuid().optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  kind: z.enum(PERSON_KINDS).optional(),
  sort: z.enum(['nameEn', '-nameEn', 'employeeNo', '-employeeNo']).default('nameEn'),
}).strict();
/** The people list's filters and sort, as CSV or XLSX (`GET /api/people/export`). */
export const PersonExportQuery = PersonListQuery.omit({ limit: true, cursor: true }).extend(ListExportParams.shape).strict();

export const ImportResult = z.object({ created: z.number().int(), updated: z.number().int() });

export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export const Account = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  kind: z.enum(['internal', 'partner']),
  personId: z.uuid().nullable(),
  orgUnitId: z.uuid().nullable(),
  mfaEnabled: z.boolean(),
  lastActiveAt: z.iso.datetime().nullable(),
  inactive: z.boolean(),
  lockedUntil: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type Account = z.infer<typeof Account>;
export const AccountListQuery = ListQuery.extend({
  status: z.enum(ACCOUNT_STATUSES).optional(),
  inactive: z.enum(['true', 'false']).optional(),
}).strict();
export const BulkDisableBody = z
  .object({ ids: z.array(z.uuid()).min(1).max(500), reason: Str().trim().min(1).max(500) })
  .strict();

export const AccountRequest = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  email: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export const CreateAccountRequestBody = z
  .object({ personId: z.uuid(), email: z.email().max(254), reason: Str().trim().min(1).max(1000) })
  .strict();
export const DecideBody = z.object({ comment: Str().trim().max(1000).optional() }).strict();
export const ApprovedAccount = z.object({ accountId: z.uuid(), activationUrl: z.string() });
export const ActivateBody = z.object({ token: Str().min(20).max(200), password: Str().min(1).max(256) }).strict();

export const IdReviewItem = z.object({
  accountId: z.uuid(),
  email: z.string(),
  personName: z.string(),
  reason: z.enum(['left', 'moved', 'no_person']),
  orgUnitName: z.string().nullable(),
  orgUnitNameJa: z.string().nullable(),
  changedAt: z.iso.datetime().nullable(),
});
export const ConfirmReviewBody = z.object({ comment: Str().trim().max(1000).optional() }).strict();

export const RoleAssignment = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userEmail: z.string(),
  role: z.enum(ROLES),
  orgUnitId: z.uuid().nullable(),
  orgUnitName: z.string().nullable(),
  orgUnitNameJa: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export const CreateRoleAssignmentBody = z
  .object({ userId: z.uuid(), role: z.enum(ROLES), orgUnitId: z.uuid().nullable() })
  .strict();
export const RoleAssignmentListQuery = ListQuery.extend({ userId: z.uuid().optional() }).strict();

/** The built-in floor of a password's length: neither the group nor a company may go below it. */
export const PASSWORD_MIN_LENGTH = 12;

/**
 * Password, MFA and session rules (issue #22): the group's value, which a company may only make stricter
 * (`auth.signInRules`, docs/group.md): a longer minimum length, more roles that need MFA, shorter sessions.
 */
export const SignInRules = z.object({
  passwordMinLength: z.number().int().min(PASSWORD_MIN_LENGTH).max(128),
  mfaRequiredRoles: z.array(z.enum(ROLES)).max(ROLES.length),
  sessionIdleMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  sessionMaxHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
});
export type SignInRules = z.infer<typeof SignInRules>;

/** The range of the step-up window (`auth.reauth`), in minutes: at least 1, at most 12 hours. */
export const REAUTH_MINUTES = { min: 1, max: 720 } as const;

export const Settings = z.object({
  inactiveDays: z.number().int().min(7).max(730),
  ...SignInRules.shape,
  /**
   * Who may sign in locally (password, passkey): `everyone`, or `break_glass`: only system administrators (the
   * break-glass accounts for when the identity provider is down); everyone else signs in through single sign-on.
   */
  localSignIn: z.enum(['everyone', 'break_glass']),
  /**
   * Step-up: the minutes a sign-in or re-authentication stays recent enough for sensitive actions (the group's value
   * of the scoped setting `auth.reauth`; a company may only shorten it).
   */
  reauthMinutes: z.number().int().min(REAUTH_MINUTES.min).max(REAUTH_MINUTES.max),
});
export type Settings = z.infer<typeof Settings>;
export const UpdateSettingsBody = Settings.partial().strict();

/** `GET /api/public/organisation`: the name the public pages show (the top company), null before there is one. */
export const PublicOrganisation = z.object({ name: z.object({ ja: z.string(), en: z.string() }).nullable() });
export type PublicOrganisation = z.infer<typeof PublicOrganisation>;

/**
 * `GET /api/next-steps`: what a new installation still lacks, for the system administrator who set it up (issue
 * #18: a "next steps" page after the first administrator's set-up). Each step is worked out from the data.
 */
/** in the order to take them: one's own MFA before requiring it of one's role (which then refuses one's tokens) */
export const NEXT_STEPS = ['org', 'people', 'accounts', 'office', 'my_mfa', 'mfa_roles', 'mail'] as const;
export const NextStep = z.object({
  key: z.enum(NEXT_STEPS),
  done: z.boolean(),
  /** what there is so far (units, people, accounts, office holders), for the steps that count something */
  count: z.number().int().nullable(),
});
export const NextSteps = z.object({ steps: z.array(NextStep), done: z.number().int(), total: z.number().int() });
export type NextSteps = z.infer<typeof NextSteps>;

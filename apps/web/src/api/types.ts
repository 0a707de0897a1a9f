/** Response and body types of the API, inferred from the shared zod contracts (type-only: no zod in the bundle). */
import type * as C from '@mamori/contracts';
import type { z } from 'zod';

export type Me = C.Me;
export type Page<T> = { items: T[]; nextCursor: string | null; total?: number };
export type MfaSetup = z.infer<typeof C.MfaSetup>;
export type ApiToken = z.infer<typeof C.ApiToken>;
export type CreatedToken = z.infer<typeof C.CreatedToken>;
export type SsoProviderOption = C.SsoProviderOption;
export type IdentityProvider = C.IdentityProvider;
export type OrgUnit = C.OrgUnit;
export type OrgUnitDetail = z.infer<typeof C.OrgUnitDetail>;
export type CreateOrgUnitBody = z.input<typeof C.CreateOrgUnitBody>;
export type Person = C.Person;
export type CreatePersonBody = z.input<typeof C.CreatePersonBody>;
export type UpdatePersonBody = z.input<typeof C.UpdatePersonBody>;
export type ImportResult = z.infer<typeof C.ImportResult>;
export type Account = C.Account;
export type AccountRequest = z.infer<typeof C.AccountRequest>;
export type ApprovedAccount = z.infer<typeof C.ApprovedAccount>;
export type IdReviewItem = z.infer<typeof C.IdReviewItem>;
export type RoleAssignment = z.infer<typeof C.RoleAssignment>;
export type Settings = C.Settings;
export type NextSteps = C.NextSteps;
export type AuditEvent = C.AuditEvent;
export type Role = C.Role;
export type Action = C.Action;
export type Language = C.Language;

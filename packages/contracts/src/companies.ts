import { z } from 'zod';
import { Str } from './common';

/**
 * The companies of a group (issue #22): org units of kind `company`, nested holding → operating company →
 * affiliate, each with its own ISMS profile and the settings it sets for itself (docs/group.md).
 */

import { COMPANY_MODULES } from './company-modules';
export { COMPANY_MODULES, type CompanyModule } from './company-modules';

const TIME_ZONE = /^[A-Za-z]+(?:[/_+-][A-Za-z0-9]+)*$/;

/** What the security office sets for a company (PUT /api/companies/{unitId}, with If-Match). */
export const CompanyProfileBody = z.strictObject({
  cisoPersonId: z.uuid().nullable(),
  cpoPersonId: z.uuid().nullable(),
  /** the unit that acts as the company's security office (inside the company) */
  securityOfficeUnitId: z.uuid().nullable(),
  /** 1–12; April (4) by default, as in Japan */
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  defaultLanguage: z.enum(['ja', 'en']),
  /** an IANA zone name such as Asia/Tokyo */
  timeZone: z
    .string()
    .max(64)
    .regex(TIME_ZONE)
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', {
      message: 'an IANA time zone such as Asia/Tokyo',
      params: { code: 'validation.choice' },
    }),
  publicNameJa: Str().max(120),
  publicNameEn: Str().max(120),
  /** where vulnerability reports about the company's products go: an e-mail address or an https URL */
  psirtContact: Str().max(300),
  /** the company's window for privacy enquiries and data-subject requests */
  privacyWindow: Str().max(300),
  modules: z.array(z.enum(COMPANY_MODULES)).max(COMPANY_MODULES.length),
});
export type CompanyProfileBody = z.infer<typeof CompanyProfileBody>;

const PersonRef = z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() }).nullable();
const UnitRef = z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() }).nullable();

export const CompanyProfile = z.object({
  unitId: z.uuid(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  /** the company above this one (null for the holding) */
  parentCompany: UnitRef,
  /** 0 while nobody has saved a profile (the defaults apply); the ETag is "<rowVersion>" */
  rowVersion: z.number().int().min(0),
  ciso: PersonRef,
  cpo: PersonRef,
  securityOffice: UnitRef,
  fiscalYearStartMonth: z.number().int(),
  defaultLanguage: z.enum(['ja', 'en']),
  timeZone: z.string(),
  publicNameJa: z.string(),
  publicNameEn: z.string(),
  psirtContact: z.string(),
  privacyWindow: z.string(),
  modules: z.array(z.enum(COMPANY_MODULES)),
  updatedAt: z.string().nullable(),
});
export type CompanyProfile = z.infer<typeof CompanyProfile>;

/** One company in the group overview: its profile's key points and figures, side by side with the others. */
export const CompanySummary = z.object({
  unitId: z.uuid(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  parentCompanyId: z.uuid().nullable(),
  depth: z.number().int(),
  ciso: PersonRef,
  cpo: PersonRef,
  fiscalYearStartMonth: z.number().int(),
  modules: z.array(z.enum(COMPANY_MODULES)),
  figures: z.object({
    /** org units in the company's subtree (itself included) */
    units: z.number().int(),
    /** active people in the subtree */
    people: z.number().int(),
    /** companies below it (affiliates) */
    affiliates: z.number().int(),
    /** settings the company sets for itself */
    settingOverrides: z.number().int(),
  }),
});
export type CompanySummary = z.infer<typeof CompanySummary>;
export const CompanyList = z.object({ items: z.array(CompanySummary) });
export type CompanyList = z.infer<typeof CompanyList>;

export const CompanyParams = z.object({ unitId: z.uuid() });

/** Where a setting's effective value comes from. */
export const SETTING_SOURCES = ['company', 'parent_company', 'group', 'default'] as const;
export type SettingSource = (typeof SETTING_SOURCES)[number];

export const EffectiveCompanySetting = z.object({
  key: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  /** true when a company may only make it stricter than what it inherits */
  stricterOnly: z.boolean(),
  value: z.unknown(),
  source: z.enum(SETTING_SOURCES),
  /** the company whose value applies (source company / parent_company) */
  sourceCompany: UnitRef,
  /** the version of the company's own value (0: it has none): the If-Match of a change */
  ownVersion: z.number().int(),
  /** the value it would inherit without its own (what a stricter-only rule compares with) */
  inherited: z.unknown(),
  inheritedSource: z.enum(SETTING_SOURCES),
});
export type EffectiveCompanySetting = z.infer<typeof EffectiveCompanySetting>;
export const EffectiveCompanySettings = z.object({ items: z.array(EffectiveCompanySetting) });
export type EffectiveCompanySettings = z.infer<typeof EffectiveCompanySettings>;

export const CompanySettingParams = z.object({ unitId: z.uuid(), key: z.string().max(100) });
export const PutCompanySettingBody = z.strictObject({ value: z.unknown() });

/** Which companies a change of the group's value reaches: those without a value of their own (above them too). */
export const SettingReach = z.object({
  key: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  groupVersion: z.number().int(),
  companies: z.array(
    z.object({
      unitId: z.uuid(),
      nameJa: z.string(),
      nameEn: z.string(),
      depth: z.number().int(),
      /** true: a change of the group's value applies to it */
      reached: z.boolean(),
      /** the company (itself or one above) whose own value applies instead; null when reached */
      overriddenBy: UnitRef,
      /** an own value that is now looser than the group's (the group was made stricter since): to be reviewed */
      looserThanGroup: z.boolean(),
    }),
  ),
});
export type SettingReach = z.infer<typeof SettingReach>;
export const SettingKeyParams = z.object({ key: z.string().max(100) });

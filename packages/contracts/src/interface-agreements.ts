import { z } from 'zod';
import { DayInput, Str } from './common';

/**
 * Cybersecurity interface agreements (ISO/SAE 21434 clause 7, issue #21): per customer programme — or per supplier,
 * cascading the same down — who does which activity (responsible, approves, supports, is informed), the contacts
 * on both sides, the support period, information sharing, incident notification and audit rights
 * (docs/interface-agreements.md).
 */
export const AGREEMENT_COUNTERPARTS = ['customer', 'supplier'] as const;
export const AGREEMENT_STATUSES = ['draft', 'in_force', 'ended'] as const;
/** the two sides of the responsibility matrix: the group (own) and the customer or supplier (counterpart) */
export const AGREEMENT_PARTIES = ['own', 'counterpart'] as const;
/** RASI: responsible, approves, supports, informed */
export const AGREEMENT_ROLES = ['responsible', 'approve', 'support', 'inform'] as const;
export type AgreementRole = (typeof AGREEMENT_ROLES)[number];

const Text = (max: number) => Str().trim().max(max).nullable().optional();

export const AgreementContact = z
  .object({
    party: z.enum(AGREEMENT_PARTIES),
    /** the contact's function in the agreement, e.g. "cybersecurity manager", "PSIRT" */
    role: Str().trim().min(1).max(100),
    name: Str().trim().min(1).max(200),
    email: z.email().max(254).nullable().optional(),
    phone: Str().trim().max(40).nullable().optional(),
  })
  .strict();

const Roles = z.array(z.enum(AGREEMENT_ROLES)).max(AGREEMENT_ROLES.length);
export const AgreementActivity = z
  .object({
    /** a code of catalogs/agreements/activities.json */
    activity: Str().trim().min(1).max(60),
    own: Roles,
    counterpart: Roles,
    note: Text(1000),
  })
  .strict();

const AgreementFields = z
  .object({
    programme: Str().trim().min(1).max(200),
    counterpartKind: z.enum(AGREEMENT_COUNTERPARTS),
    counterpartName: Str().trim().min(1).max(200),
    /** the product's TARA the agreement refers to (an analysis of the same product) */
    taraAnalysisId: z.uuid().nullable().optional(),
    status: z.enum(AGREEMENT_STATUSES).optional(),
    effectiveFrom: DayInput().nullable().optional(),
    /** the last day of cybersecurity support the group promises for the programme */
    supportUntil: DayInput().nullable().optional(),
    /** hours within which one side tells the other of an incident affecting the item */
    incidentNotificationHours: z.number().int().min(1).max(8760).nullable().optional(),
    informationSharing: Text(5000),
    auditRights: Text(5000),
    contacts: z.array(AgreementContact).max(30).optional(),
  })
  .strict();

export const CreateAgreementBody = AgreementFields.extend({ productId: z.uuid() }).strict();
export const UpdateAgreementBody = AgreementFields.partial().strict();
export const PutResponsibilitiesBody = z.object({ activities: z.array(AgreementActivity).max(100) }).strict();
export const AgreementListQuery = z.object({ productId: z.uuid().optional() }).strict();
export const AgreementExportQuery = z.object({ format: z.enum(['xlsx', 'pdf']), lang: z.enum(['ja', 'en']).optional() }).strict();

export const Agreement = z.object({
  id: z.uuid(),
  rowVersion: z.number().int(),
  productId: z.uuid(),
  productCode: z.string(),
  productNameJa: z.string(),
  productNameEn: z.string(),
  taraAnalysisId: z.uuid().nullable(),
  taraTitle: z.string().nullable(),
  programme: z.string(),
  counterpartKind: z.enum(AGREEMENT_COUNTERPARTS),
  counterpartName: z.string(),
  status: z.enum(AGREEMENT_STATUSES),
  effectiveFrom: z.string().nullable(),
  supportUntil: z.string().nullable(),
  incidentNotificationHours: z.number().int().nullable(),
  updatedAt: z.iso.datetime(),
});
export type Agreement = z.infer<typeof Agreement>;

export const AgreementDetail = Agreement.extend({
  informationSharing: z.string().nullable(),
  auditRights: z.string().nullable(),
  contacts: z.array(
    z.object({
      party: z.enum(AGREEMENT_PARTIES),
      role: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  activities: z.array(
    z.object({
      activity: z.string(),
      own: z.array(z.enum(AGREEMENT_ROLES)),
      counterpart: z.array(z.enum(AGREEMENT_ROLES)),
      note: z.string().nullable(),
    }),
  ),
});
export type AgreementDetail = z.infer<typeof AgreementDetail>;

export const AgreementActivityCatalog = z.object({
  activities: z.array(z.object({ code: z.string(), clause: z.string(), ja: z.string(), en: z.string() })),
});
export type AgreementActivityCatalog = z.infer<typeof AgreementActivityCatalog>;

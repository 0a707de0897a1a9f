import { z } from 'zod';
import { DayInput, ListQuery, RowVersion, Str } from './common';

/**
 * Pre-use review of a cloud service or new technology (事前の安全確認, seed 004): a unit asks, a checklist from
 * catalogs/service-review-checklist.json is answered, the security office decides; an approval enters the register
 * of approved services that every employee reads ("may I put 秘 data in service Y?").
 */
export const SERVICE_CERTIFICATIONS = ['iso27001', 'iso27017', 'iso27018', 'soc2', 'ismap'] as const;
export const SERVICE_REVIEW_STATUSES = ['pending', 'approved', 'approved_with_conditions', 'refused'] as const;
export type ServiceReviewStatus = (typeof SERVICE_REVIEW_STATUSES)[number];
export const SERVICE_REVIEW_DECISIONS = ['approved', 'approved_with_conditions', 'refused'] as const;
export const CHECK_ANSWERS = ['yes', 'no', 'na'] as const;

const Ref = z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() });
const Text = (max: number) => Str().trim().max(max);

export const ChecklistItem = z.object({
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  helpJa: z.string(),
  helpEn: z.string(),
  /** a "no" here is a reason to refuse or to set a condition */
  critical: z.boolean(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistAnswer = z
  .object({ code: Str().max(60), answer: z.enum(CHECK_ANSWERS), note: Text(1000).default('') })
  .strict();

const RequestFields = {
  serviceName: Text(200).min(1),
  providerName: Text(200).min(1),
  providerPartnerId: z.uuid().nullable().default(null),
  purpose: Text(4000).min(1),
  /** the highest class of information the unit wants to keep there */
  classCode: Text(40).min(1),
  personalData: z.boolean(),
  /** ISO 3166-1 alpha-2 of where the data is stored */
  storageCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .meta({ description: 'ISO 3166-1 alpha-2' }),
  certifications: z.array(z.enum(SERVICE_CERTIFICATIONS)).max(SERVICE_CERTIFICATIONS.length).default([]),
  ssoMfa: z.boolean(),
  encryption: z.boolean(),
  logs: z.boolean(),
  exitTerms: Text(4000).default(''),
  answers: z.array(ChecklistAnswer).max(100).default([]),
};
export const CreateServiceReviewBody = z.object({ unitId: z.uuid(), ...RequestFields }).strict();
export type CreateServiceReviewBody = z.infer<typeof CreateServiceReviewBody>;

export const DecideServiceReviewBody = z
  .object({
    decision: z.enum(SERVICE_REVIEW_DECISIONS),
    /** approvals: the highest class the service may hold */
    approvedClassCode: Text(40).min(1).nullable().default(null),
    conditions: Text(4000).default(''),
    reasons: Text(4000).min(1),
    /** approvals: when the service is reviewed again */
    reReviewOn: DayInput().nullable().default(null),
  })
  .strict();
export type DecideServiceReviewBody = z.infer<typeof DecideServiceReviewBody>;

export const ServiceReview = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  unit: Ref,
  requester: Ref.nullable(),
  serviceName: z.string(),
  providerName: z.string(),
  provider: Ref.nullable(),
  purpose: z.string(),
  classCode: z.string(),
  personalData: z.boolean(),
  storageCountry: z.string(),
  certifications: z.array(z.enum(SERVICE_CERTIFICATIONS)),
  ssoMfa: z.boolean(),
  encryption: z.boolean(),
  logs: z.boolean(),
  exitTerms: z.string(),
  answers: z.array(z.object({ code: z.string(), answer: z.enum(CHECK_ANSWERS), note: z.string() })),
  status: z.enum(SERVICE_REVIEW_STATUSES),
  approvedClassCode: z.string().nullable(),
  conditions: z.string(),
  reasons: z.string(),
  reReviewOn: z.string().nullable(),
  decidedBy: Ref.nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  can: z.object({ decide: z.boolean() }),
});
export type ServiceReview = z.infer<typeof ServiceReview>;

export const ServiceReviewListQuery = ListQuery.extend({
  status: z.enum(SERVICE_REVIEW_STATUSES).optional(),
  unitId: z.uuid().optional(),
}).strict();

export const ApprovedService = z.object({
  id: z.uuid(),
  serviceName: z.string(),
  providerName: z.string(),
  maxClassCode: z.string(),
  maxClassNameJa: z.string(),
  maxClassNameEn: z.string(),
  personalData: z.boolean(),
  storageCountry: z.string(),
  conditions: z.string(),
  approvedOn: z.string(),
  reReviewOn: z.string(),
  reviewId: z.uuid(),
});
export type ApprovedService = z.infer<typeof ApprovedService>;
export const ApprovedServiceQuery = ListQuery.strict();

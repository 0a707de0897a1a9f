import { z } from 'zod';
import { DateTimeInput, ListQuery, Str } from './common';

/**
 * Privacy (issue #14): the personal-data register (個人情報取扱台帳) and data-subject requests (開示等請求).
 * Vocabularies (data categories, subject kinds, laws, transfer bases) are data: catalogs/privacy.json.
 */
const Text = (max: number) => Str().trim().max(max);
const CatalogId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a catalogue id');
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. JP, DE');

export const TransferInput = z
  .object({
    /** ISO 3166-1 alpha-2; required (an empty value is refused with a field error, not a 500) */
    country: z.string().max(2),
    recipient: Text(300).default(''),
    /** a transfer basis of the catalogue (APPI art. 28 or GDPR chapter V); required */
    basis: z.string().max(40),
  })
  .strict();

/** The fields of a register entry, without defaults (an update names only what it changes). */
const activityFields = {
  unitId: z.uuid(),
  service: Text(200).min(1),
  /** the purpose of use as published (利用目的) */
  purpose: Text(4000).min(1),
  subjectKinds: z.array(CatalogId).max(20),
  subjectCount: z.number().int().min(0).max(1e9).nullable(),
  /** countries where the data subjects live: other laws than APPI follow from these */
  subjectCountries: z.array(CountryCode).max(60),
  categories: z.array(CatalogId).max(30),
  /** required when a category is special care-required (要配慮個人情報) */
  specialCareBasis: Text(2000),
  source: Text(1000),
  storageAssetIds: z.array(z.uuid()).max(50),
  retention: Text(1000),
  deletion: Text(1000),
  /** people with a valid pass of the personal-data course (the server refuses others) */
  handlerPersonIds: z.array(z.uuid()).max(200),
  processorPartnerIds: z.array(z.uuid()).max(50),
  transfers: z.array(TransferInput).max(30),
};

export const ActivityInput = z
  .object({
    ...activityFields,
    subjectKinds: activityFields.subjectKinds.default([]),
    subjectCount: activityFields.subjectCount.default(null),
    subjectCountries: activityFields.subjectCountries.default(['JP']),
    categories: activityFields.categories.default([]),
    specialCareBasis: activityFields.specialCareBasis.default(''),
    source: activityFields.source.default(''),
    storageAssetIds: activityFields.storageAssetIds.default([]),
    retention: activityFields.retention.default(''),
    deletion: activityFields.deletion.default(''),
    handlerPersonIds: activityFields.handlerPersonIds.default([]),
    processorPartnerIds: activityFields.processorPartnerIds.default([]),
    transfers: activityFields.transfers.default([]),
  })
  .strict();
export type ActivityInput = z.input<typeof ActivityInput>;
/** A change names only the fields it changes: no defaults here, or an absent list would empty the entry's list. */
export const UpdateActivityBody = z.object(activityFields).partial().extend({ retired: z.boolean().optional() }).strict();
export type UpdateActivityBody = z.input<typeof UpdateActivityBody>;

const Name = z.object({ ja: z.string(), en: z.string() });
export const ActivityListItem = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: Name,
  service: z.string(),
  purpose: z.string(),
  subjectCount: z.number().nullable(),
  categories: z.array(z.string()),
  specialCare: z.boolean(),
  myNumber: z.boolean(),
  laws: z.array(z.string()),
  transferCountries: z.array(z.string()),
  status: z.enum(['active', 'retired']),
  reviewDueOn: z.string(),
  lastReviewedAt: z.string().nullable(),
  rowVersion: z.number(),
});
export type ActivityListItem = z.infer<typeof ActivityListItem>;

export const Activity = ActivityListItem.extend({
  subjectKinds: z.array(z.string()),
  subjectCountries: z.array(z.string()),
  specialCareBasis: z.string(),
  source: z.string(),
  retention: z.string(),
  deletion: z.string(),
  transfers: z.array(z.object({ country: z.string(), recipient: z.string(), basis: z.string() })),
  storage: z.array(z.object({ id: z.string(), name: z.string(), classCode: z.string(), status: z.string() })),
  handlers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** passed the personal-data course: null while no training records are available */
      trained: z.boolean().nullable(),
    }),
  ),
  processors: z.array(
    z.object({
      id: z.string(),
      name: Name,
      latestScore: z.number().nullable(),
      latestScoredAt: z.string().nullable(),
      ndaInForce: z.boolean(),
    }),
  ),
  reviews: z.array(z.object({ at: z.string(), by: z.string(), note: z.string() })),
  can: z.object({ manage: z.boolean(), review: z.boolean() }),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof Activity>;

export const ActivityListQuery = ListQuery.extend({
  unitId: z.uuid().optional(),
  law: CatalogId.optional(),
  reviewDue: z.enum(['true', 'false']).optional(),
  status: z.enum(['active', 'retired']).optional(),
}).strict();
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

export const ReviewActivityBody = z.object({ note: Text(2000).default('') }).strict();

/** Incidents: the register entries concerned, whose facts prefill the incident's. */
export const IncidentActivitiesBody = z.object({ activityIds: z.array(z.uuid()).min(1).max(50) }).strict();
export const IncidentActivities = z.object({
  incidentId: z.string(),
  activities: z.array(z.object({ id: z.string(), service: z.string(), unitName: Name })),
  facts: z.object({
    personalData: z.boolean(),
    personCount: z.number().nullable(),
    dataKinds: z.array(z.string()),
    countries: z.array(z.string()),
  }),
});

// ---------- data-subject requests ----------
export const PRIVACY_REQUEST_TYPES = ['disclosure', 'correction', 'deletion', 'stop_of_use', 'third_party_records'] as const;
export const PRIVACY_REQUEST_STATUSES = ['received', 'verifying', 'in_progress', 'answered', 'declined', 'withdrawn'] as const;
export const PRIVACY_REQUEST_OUTCOMES = ['granted', 'partially_granted', 'refused', 'no_data'] as const;
export const IDENTITY_METHODS = ['id_document', 'account_login', 'registered_contact', 'in_person', 'agent_power'] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

export const CreatePrivacyRequestBody = z
  .object({
    type: z.enum(PRIVACY_REQUEST_TYPES),
    /** the unit whose service window received it; none: the privacy office triages */
    unitId: z.uuid().nullable().default(null),
    service: Text(200).default(''),
    requesterName: Text(200).min(1),
    requesterContact: Text(300).min(1),
    requesterCountry: CountryCode.default('JP'),
    details: Text(5000).default(''),
    receivedAt: DateTimeInput().optional(),
    activityIds: z.array(z.uuid()).max(50).default([]),
    language: z.enum(['ja', 'en']).default('ja'),
  })
  .strict();
export type CreatePrivacyRequestBody = z.input<typeof CreatePrivacyRequestBody>;

/** The public form: no account, no unit; the answer is the same whatever is asked. */
export const PublicPrivacyRequestBody = z
  .object({
    type: z.enum(PRIVACY_REQUEST_TYPES),
    service: Text(200).default(''),
    requesterName: Text(200).min(1),
    requesterContact: Text(300).min(1),
    requesterCountry: CountryCode.default('JP'),
    details: Text(5000).default(''),
    language: z.enum(['ja', 'en']).default('ja'),
  })
  .strict();
export const PublicPrivacyRequestReceipt = z.object({ received: z.literal(true), reference: z.string() });

export const UpdatePrivacyRequestBody = z
  .object({
    unitId: z.uuid().nullable(),
    activityIds: z.array(z.uuid()).max(50),
    identity: z.object({ method: z.enum(IDENTITY_METHODS), note: Text(1000).default('') }).strict(),
    status: z.enum(['verifying', 'in_progress', 'declined', 'withdrawn']),
    note: Text(2000),
  })
  .partial()
  .strict();
export type UpdatePrivacyRequestBody = z.input<typeof UpdatePrivacyRequestBody>;

export const AnswerPrivacyRequestBody = z
  .object({
    outcome: z.enum(PRIVACY_REQUEST_OUTCOMES),
    answer: Text(10_000).min(1),
    language: z.enum(['ja', 'en']).optional(),
    /** required when a clock has run out */
    lateReason: Text(2000).default(''),
  })
  .strict();

export const RequestClock = z.object({
  ruleId: z.string(),
  title: Name,
  law: z.string(),
  hard: z.boolean(),
  startAt: z.string(),
  warnAt: z.string(),
  dueAt: z.string(),
  /** runs to the extended due date (GDPR art. 12(3)) */
  extended: z.boolean(),
  status: z.enum(['pending', 'due_soon', 'overdue', 'met', 'met_late', 'waived', 'not_applicable']),
});

/** GDPR art. 12(3): extend once by two further months, with the reason; the requester is told. */
export const ExtendPrivacyRequestBody = z.object({ reason: Text(2000).min(1) }).strict();
export const PrivacyRequestExtension = z.object({
  at: z.string(),
  by: z.string(),
  reason: z.string(),
  /** how the requester was told: by mail (the contact is an address), or by the staff another way (the contact) */
  told: z.enum(['mail', 'other']),
});

export const PrivacyRequestListItem = z.object({
  id: z.string(),
  reference: z.string(),
  type: z.enum(PRIVACY_REQUEST_TYPES),
  channel: z.enum(['window', 'public_form']),
  status: z.enum(PRIVACY_REQUEST_STATUSES),
  requesterName: z.string(),
  service: z.string(),
  unitName: Name.nullable(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  rowVersion: z.number(),
});
export type PrivacyRequestListItem = z.infer<typeof PrivacyRequestListItem>;

export const PrivacyRequest = PrivacyRequestListItem.extend({
  unitId: z.string().nullable(),
  requesterContact: z.string(),
  requesterCountry: z.string(),
  details: z.string(),
  language: z.enum(['ja', 'en']),
  laws: z.array(z.string()),
  identity: z.object({ method: z.string(), note: z.string(), checkedAt: z.string(), checkedBy: z.string() }).nullable(),
  activities: z.array(z.object({ id: z.string(), service: z.string() })),
  outcome: z.enum(PRIVACY_REQUEST_OUTCOMES).nullable(),
  answer: z.string(),
  answeredAt: z.string().nullable(),
  lateReason: z.string(),
  clocks: z.array(RequestClock),
  extension: PrivacyRequestExtension.nullable(),
  /** open, not yet extended, with a clock that may be extended and has not run out */
  canExtend: z.boolean(),
  updatedAt: z.string(),
});
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

export const PrivacyRequestListQuery = ListQuery.extend({
  status: z.union([z.enum(PRIVACY_REQUEST_STATUSES), z.literal('open')]).optional(),
}).strict();
export type PrivacyRequestListQuery = z.infer<typeof PrivacyRequestListQuery>;

export const PrivacyCatalog = z.object({
  categories: z.array(
    z.object({ id: z.string(), ja: z.string(), en: z.string(), specialCare: z.boolean(), myNumber: z.boolean() }),
  ),
  subjectKinds: z.array(z.object({ id: z.string(), ja: z.string(), en: z.string() })),
  laws: z.array(z.object({ id: z.string(), ja: z.string(), en: z.string() })),
  transferBases: z.array(z.object({ id: z.string(), law: z.string(), ja: z.string(), en: z.string() })),
});
export type PrivacyCatalog = z.infer<typeof PrivacyCatalog>;

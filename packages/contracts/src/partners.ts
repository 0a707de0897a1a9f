import { z } from 'zod';
import { DateTimeInput, DayInput, Language, ListQuery, RowVersion, Str } from './common';
import { IncidentStatus } from './incidents';

/** The business-partner programme: partner companies, their sub-contractors, NDAs, exchanges, visits, incidents. */
export const PARTNER_TIERS = ['high', 'medium', 'low'] as const;
export const PartnerTier = z.enum(PARTNER_TIERS);
export const INFORMATION_FORMS = ['papers', 'digitized', 'embodiment', 'know_how'] as const;
export const InformationForm = z.enum(INFORMATION_FORMS);

const Name = Str().trim().min(1).max(200);
const Country = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}$/, 'ISO 3166 alpha-2 code, e.g. JP');
/** a day in output; input days are bounded (DayInput) */
const Day = z.iso.date();
const DayIn = DayInput();
const CorporateNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,30}$/, '4–30 letters, digits or -')
  .nullable();

export const PartnerContact = z
  .object({
    name: Name,
    email: z.email().max(254).nullable().default(null),
    phone: Str().trim().max(40).nullable().default(null),
    role: z.enum(['security', 'business', 'incident']),
  })
  .strict();

export const PartnerShares = z
  .object({
    papers: z.boolean(),
    digitized: z.boolean(),
    embodiments: z.boolean(),
    knowHow: z.boolean(),
    strictlyConfidential: z.boolean(),
  })
  .strict();

export const CreatePartnerBody = z
  .object({
    nameJa: Name,
    nameEn: Name,
    corporateNumber: CorporateNumber.default(null),
    country: Country,
    shares: PartnerShares,
    sharedInformation: Str().trim().max(2000).default(''),
    usesSubcontractors: z.boolean().default(false),
    incidentReportHours: z.number().int().min(1).max(720).default(24),
    orgUnitIds: z.array(z.uuid()).max(100).default([]),
    contacts: z.array(PartnerContact).max(20).default([]),
  })
  .strict();
export const UpdatePartnerBody = z
  .object({
    nameJa: Name,
    nameEn: Name,
    corporateNumber: CorporateNumber,
    country: Country,
    status: z.enum(['active', 'ended']),
    shares: PartnerShares,
    sharedInformation: Str().trim().max(2000),
    usesSubcontractors: z.boolean(),
    incidentReportHours: z.number().int().min(1).max(720),
    orgUnitIds: z.array(z.uuid()).max(100),
    contacts: z.array(PartnerContact).max(20),
  })
  .partial()
  .strict();

export const Partner = z.object({
  id: z.uuid(),
  nameJa: z.string(),
  nameEn: z.string(),
  corporateNumber: z.string().nullable(),
  country: z.string(),
  status: z.enum(['active', 'ended']),
  tier: PartnerTier,
  latestScore: z.number().nullable(),
  /** the latest scored sheet's verdict: false below its tier's threshold or failed on a critical item */
  latestPassed: z.boolean().nullable(),
  latestScoredAt: z.iso.datetime().nullable(),
  hasValidNda: z.boolean(),
  overdue: z.boolean(),
});
export type Partner = z.infer<typeof Partner>;
export const PartnerDetail = Partner.extend({
  rowVersion: RowVersion,
  shares: PartnerShares,
  sharedInformation: z.string(),
  usesSubcontractors: z.boolean(),
  incidentReportHours: z.number().int(),
  orgUnits: z.array(z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() })),
  contacts: z.array(PartnerContact),
  threshold: z.number().int(),
  subcontractorsWithoutNotice: z.number().int(),
  updatedAt: z.iso.datetime(),
});

const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const PartnerListQuery = ListQuery.extend({
  tier: PartnerTier.optional(),
  country: Country.optional(),
  scoreMin: z.coerce.number().min(0).max(100).optional(),
  scoreMax: z.coerce.number().min(0).max(100).optional(),
  unscored: Bool.optional(),
  overdue: Bool.optional(),
  noValidNda: Bool.optional(),
  status: z.enum(['active', 'ended']).optional(),
  sort: z.enum(['name', '-name', 'score', '-score']).default('name'),
}).strict();
/** The list as XLSX: the list's filters; headers in `lang` (default: the reader's language). */
export const PartnerExportQuery = PartnerListQuery.omit({ limit: true, cursor: true })
  .extend({ lang: Language.optional() })
  .strict();

export const PartnerUserBody = z
  .object({ email: z.email().max(254), name: Name, language: z.enum(['ja', 'en']).default('ja') })
  .strict();
export const PartnerUserCreated = z.object({ userId: z.uuid(), activationUrl: z.string() });

export const Subcontractor = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  country: z.string(),
  work: z.string(),
  status: z.enum(['pending_notice', 'active', 'ended']),
  priorNoticeReceivedOn: Day.nullable(),
});
export const CreateSubcontractorBody = z
  .object({
    parentId: z.uuid().nullable().default(null),
    name: Name,
    country: Country,
    work: Str().trim().max(1000).default(''),
  })
  .strict();
/** Sub-contractors of every partner in scope as XLSX; `status=pending_notice`: those without prior notice. */
export const SubcontractorExportQuery = z
  .object({
    status: z.enum(['pending_notice', 'active', 'ended']).optional(),
    partnerId: z.uuid().optional(),
    lang: Language.optional(),
  })
  .strict();
export const UpdateSubcontractorBody = z
  .object({
    name: Name,
    work: Str().trim().max(1000),
    status: z.enum(['pending_notice', 'active', 'ended']),
    priorNoticeReceivedOn: DayIn.nullable(),
  })
  .partial()
  .strict();

export const NDA_PROVISIONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'] as const;
export const NdaProvisions = z
  .object(
    Object.fromEntries(NDA_PROVISIONS.map((p) => [p, z.boolean()])) as Record<(typeof NDA_PROVISIONS)[number], z.ZodBoolean>,
  )
  .strict();
export const Nda = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  title: z.string(),
  signedOn: Day,
  validFrom: Day,
  validUntil: Day.nullable(),
  provisions: NdaProvisions,
  missingProvisions: z.array(z.enum(NDA_PROVISIONS)),
  fileId: z.uuid().nullable(),
  valid: z.boolean(),
});
export const CreateNdaBody = z
  .object({ title: Name, signedOn: DayIn, validFrom: DayIn, validUntil: DayIn.nullable(), provisions: NdaProvisions })
  .strict();
export const UpdateNdaBody = CreateNdaBody.partial().strict();

export const Exchange = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  subcontractorId: z.uuid().nullable(),
  direction: z.enum(['to_partner', 'from_partner']),
  form: InformationForm,
  description: z.string(),
  method: z.string(),
  occurredOn: Day,
  approvedBy: z.string(),
  returnDueOn: Day.nullable(),
  settlement: z.enum(['returned', 'disposed']).nullable(),
  settledOn: Day.nullable(),
  settlementNote: z.string().nullable(),
});
export const CreateExchangeBody = z
  .object({
    subcontractorId: z.uuid().nullable().default(null),
    direction: z.enum(['to_partner', 'from_partner']),
    form: InformationForm,
    description: Str().trim().min(1).max(2000),
    method: Str().trim().min(1).max(200),
    occurredOn: DayIn,
    approvedBy: Name,
    returnDueOn: DayIn.nullable().default(null),
  })
  .strict();
export const SettleExchangeBody = z
  .object({ settlement: z.enum(['returned', 'disposed']), settledOn: DayIn, note: Str().trim().max(2000).default('') })
  .strict();

export const VisitFinding = z
  .object({
    requirementId: Str().max(20).nullable(),
    severity: z.enum(['info', 'minor', 'major']),
    note: Str().trim().min(1).max(2000),
  })
  .strict();
export const Visit = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  visitedOn: Day,
  visitors: z.string(),
  summary: z.string(),
  findings: z.array(VisitFinding),
});
export const CreateVisitBody = z
  .object({
    visitedOn: DayIn,
    visitors: Name,
    summary: Str().trim().min(1).max(5000),
    findings: z.array(VisitFinding).max(200),
  })
  .strict();

export const PARTNER_INCIDENT_KINDS = [
  'loss_or_theft',
  'leak',
  'misdelivery',
  'unauthorized_access',
  'malware',
  'availability',
  'integrity',
  'other',
] as const;
/** What a partner says beside its report; kept on the incident (incidents.partner_report). */
export const PartnerReportFacts = z.object({
  kind: z.enum(PARTNER_INCIDENT_KINDS),
  involvesOurInformation: z.boolean(),
  /** reported within the hours agreed with the partner (from its discovery to our receipt) */
  withinAgreedTime: z.boolean(),
  agreedHours: z.number().int(),
});
export type PartnerReportFacts = z.infer<typeof PartnerReportFacts>;

/**
 * A partner's report as the partner (and the partner programme) sees it: the incident it opened, without
 * the case's internal record. `status` is kept for integrations: received until the office starts work.
 */
export const PartnerIncident = z.object({
  id: z.uuid(),
  number: z.string(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  partnerNameJa: z.string(),
  kind: z.enum(PARTNER_INCIDENT_KINDS),
  description: z.string(),
  discoveredAt: z.iso.datetime(),
  reportedAt: z.iso.datetime(),
  withinAgreedTime: z.boolean(),
  involvesOurInformation: z.boolean(),
  status: z.enum(['received', 'acknowledged']),
  /** the step of the case (4-2 a–f) */
  caseStatus: IncidentStatus,
  closedAt: z.iso.datetime().nullable(),
});
export const CreatePartnerIncidentBody = z
  .object({
    kind: z.enum(PARTNER_INCIDENT_KINDS),
    description: Str().trim().min(1).max(10_000),
    discoveredAt: DateTimeInput(),
    involvesOurInformation: z.boolean(),
    /** the language the report is written in (default Japanese) */
    language: Language.default('ja'),
  })
  .strict();
export const PartnerIncidentListQuery = ListQuery.extend({ partnerId: z.uuid().optional() }).strict();
export const PartnerIdQuery = ListQuery.extend({ partnerId: z.uuid().optional() }).strict();

export const TierThresholds = z.object({
  high: z.number().int().min(0).max(100),
  medium: z.number().int().min(0).max(100),
  low: z.number().int().min(0).max(100),
});
export const UpdateTierThresholdsBody = TierThresholds.partial().strict();

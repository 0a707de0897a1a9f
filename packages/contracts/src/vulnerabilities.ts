import { z } from 'zod';
import { DateTimeInput, DayInput, ListQuery, RowVersion, Str } from './common';
import { ListExportParams } from './lists';

export const VULNERABILITY_STATUSES = [
  'new',
  'triage',
  'investigating',
  'remediating',
  'disclosed',
  'closed',
  'rejected',
  'duplicate',
] as const;
/** Status of one product in a case; not_affected needs a VEX justification (CSAF flag labels). */
export const PRODUCT_STATUSES = ['under_investigation', 'affected', 'not_affected', 'fixed'] as const;
export const VEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'vulnerable_code_not_in_execute_path',
  'inline_mitigations_already_exist',
] as const;
export const CVSS_SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;
/** Where in the development process a vulnerability came in (recorded when the case is closed). */
export const ROOT_CAUSE_PHASES = [
  'requirements',
  'design',
  'implementation',
  'verification',
  'release',
  'operation',
  'third_party_component',
] as const;

/** The public form: no account. `website` is a honeypot that people leave empty. */
export const VulnerabilityReportBody = z
  .object({
    title: Str().trim().min(1).max(200),
    description: Str().trim().min(1).max(20_000).optional(),
    /** the description (or more of it) as an OpenPGP message to the PSIRT key (/.well-known/psirt-pgp-key.asc) */
    encrypted: Str().trim().max(200_000).startsWith('-----BEGIN PGP MESSAGE-----').optional(),
    productName: Str().trim().min(1).max(200),
    productVersion: Str().trim().max(100).optional(),
    reporterName: Str().trim().max(200).optional(),
    reporterEmail: z.email().max(254).optional(),
    language: z.enum(['ja', 'en']).default('en'),
    website: Str().max(200).optional(),
  })
  .strict()
  .refine((b) => b.description || b.encrypted, { message: 'give a description or an encrypted one', path: ['description'] });
/** The receipt tells nothing back from the report: only the secret link to follow it. */
export const VulnerabilityReportReceipt = z.object({ trackingToken: z.string(), trackingUrl: z.string() });

export const TrackingParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }).strict();
export const MessageBody = z.object({ body: Str().trim().min(1).max(20_000) }).strict();
export const CaseMessage = z.object({
  id: z.uuid(),
  from: z.enum(['reporter', 'psirt']),
  body: z.string(),
  createdAt: z.iso.datetime(),
});
/**
 * Where a report stands, as its reporter may know it: the stage of the work, never the case's findings
 * (scores, products, CVE before disclosure, which case it duplicates).
 */
export const REPORTER_STATUSES = [
  'received',
  'assessing',
  'in_progress',
  'disclosed',
  'resolved',
  'declined',
  'duplicate',
] as const;
export const ReporterView = z.object({
  status: z.enum(REPORTER_STATUSES),
  messages: z.array(CaseMessage),
});

export const Cvss = z.object({ vector: z.string(), score: z.number(), severity: z.enum(CVSS_SEVERITIES) });

export const AffectedProduct = z.object({
  productId: z.uuid(),
  productCode: z.string(),
  productNameEn: z.string(),
  productNameJa: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  justification: z.enum(VEX_JUSTIFICATIONS).nullable(),
  affectedVersions: z.string().nullable(),
  fixedVersion: z.string().nullable(),
  remediation: z.string().nullable(),
});

/** Remediation: tasks (fixes, countermeasures) and coordination records with CERTs and other parties. */
export const TASK_KINDS = ['fix', 'countermeasure', 'verification', 'disclosure'] as const;
export const COORDINATION_KINDS = ['notified', 'received', 'shared_draft', 'agreed_date', 'published'] as const;
/** A task is given to an organisation (the product division that fixes, the team that verifies). */
export const Task = z.object({
  id: z.uuid(),
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  owner: z.object({ id: z.uuid(), code: z.string(), nameJa: z.string(), nameEn: z.string() }).nullable(),
  dueOn: z.iso.date().nullable(),
  done: z.boolean(),
  updatedAt: z.iso.datetime(),
});
export const CreateRemediationTaskBody = z
  .object({
    kind: z.enum(TASK_KINDS),
    title: Str().trim().min(1).max(300),
    ownerOrgUnitId: z.uuid().nullable().optional(),
    dueOn: DayInput().nullable().optional(),
  })
  .strict();
export const UpdateRemediationTaskBody = z
  .object({
    title: Str().trim().min(1).max(300),
    ownerOrgUnitId: z.uuid().nullable(),
    dueOn: DayInput().nullable(),
    done: z.boolean(),
  })
  .partial()
  .strict();
export const RemediationTaskParams = z.object({ id: z.uuid(), tid: z.uuid() }).strict();
export const CoordinationRecord = z.object({
  id: z.uuid(),
  organisation: z.string(),
  reference: z.string().nullable(),
  kind: z.enum(COORDINATION_KINDS),
  occurredOn: z.iso.date(),
  note: z.string().nullable(),
});
export const CreateCoordinationBody = z
  .object({
    organisation: Str().trim().min(1).max(200),
    reference: Str().trim().max(200).nullable().optional(),
    kind: z.enum(COORDINATION_KINDS),
    occurredOn: DayInput(),
    note: Str().trim().max(5000).nullable().optional(),
  })
  .strict();

export const Vulnerability = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  status: z.enum(VULNERABILITY_STATUSES),
  source: z.enum(['report', 'internal', 'import']),
  cvss31: Cvss.nullable(),
  cvss40: Cvss.nullable(),
  cveId: z.string().nullable(),
  embargoUntil: z.iso.datetime().nullable(),
  duplicateOfId: z.uuid().nullable(),
  /** the PSIRT member handling the case */
  assigneeId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export const VulnerabilityDetail = Vulnerability.extend({
  rowVersion: RowVersion,
  description: z.string(),
  reportedProduct: z.string().nullable(),
  reporterName: z.string().nullable(),
  reporterEmail: z.string().nullable(),
  language: z.enum(['ja', 'en']),
  cwe: z.string().nullable(),
  rootCausePhase: z.enum(ROOT_CAUSE_PHASES).nullable(),
  rootCause: z.string().nullable(),
  checkAdded: z.string().nullable(),
  /** the published advisory of the case, if any (its texts, to start the next revision from) */
  advisory: z
    .object({
      id: z.uuid(),
      trackingId: z.string(),
      revision: z.number().int(),
      currentReleaseDate: z.iso.datetime(),
      titleJa: z.string(),
      titleEn: z.string(),
      summaryJa: z.string(),
      summaryEn: z.string(),
    })
    .nullable(),
  /** the advisory's draft (the CRA user notice), the CRA stage it answers and, once published, the advisory */
  advisoryDraft: z
    .object({
      titleJa: z.string(),
      titleEn: z.string(),
      summaryJa: z.string(),
      summaryEn: z.string(),
      craRuleId: z.string().nullable(),
      advisoryId: z.uuid().nullable(),
      createdAt: z.iso.datetime(),
    })
    .nullable(),
  products: z.array(AffectedProduct),
  messages: z.array(CaseMessage),
  tasks: z.array(Task),
  coordination: z.array(CoordinationRecord),
  attachments: z.array(
    z.object({ id: z.uuid(), fileName: z.string(), size: z.number().int(), sha256: z.string(), createdAt: z.iso.datetime() }),
  ),
});
export const AttachmentReceipt = z.object({ id: z.uuid(), size: z.number().int(), sha256: z.string() });
export const AttachmentQuery = z.object({ name: Str().max(300).optional() }).strict();
export const AttachmentParams = z.object({ id: z.uuid(), aid: z.uuid() }).strict();

/** Sort keys of the case list; `score` is the CVSS 4.0 score, else the 3.1 one (unscored cases last). */
export const VULNERABILITY_SORTS = ['-createdAt', 'createdAt', '-updatedAt', 'updatedAt', '-score', 'score'] as const;
export const VulnerabilityListQuery = ListQuery.extend({
  status: z.enum(VULNERABILITY_STATUSES).optional(),
  /** the CVSS 4.0 severity, else the 3.1 one */
  severity: z.enum(CVSS_SEVERITIES).optional(),
  productId: z.uuid().optional(),
  sort: z.enum(VULNERABILITY_SORTS).default('-createdAt'),
}).strict();
/** The case list's filters and sort, as CSV or XLSX (`GET /api/vulnerabilities/export`). */
export const VulnerabilityExportQuery = VulnerabilityListQuery.omit({ limit: true, cursor: true })
  .extend(ListExportParams.shape)
  .strict();

/** A vector to score (the version is its prefix, CVSS:3.1/ or CVSS:4.0/). */
export const CvssScoreBody = z.object({ vector: Str().trim().min(1).max(300) }).strict();
export const CvssScore = Cvss.extend({ version: z.enum(['3.1', '4.0']) });

const CveId = z.string().regex(/^CVE-\d{4}-\d{4,19}$/, 'CVE-YYYY-NNNN');
const ProductStatusInput = z
  .object({
    productId: z.uuid(),
    status: z.enum(PRODUCT_STATUSES),
    justification: z.enum(VEX_JUSTIFICATIONS).nullable().optional(),
    affectedVersions: Str().trim().max(500).nullable().optional(),
    fixedVersion: Str().trim().max(100).nullable().optional(),
    remediation: Str().trim().max(5000).nullable().optional(),
  })
  .strict()
  .refine((p) => p.status !== 'not_affected' || p.justification, {
    message: 'not_affected needs a justification',
    path: ['justification'],
  });

export const CreateVulnerabilityBody = z
  .object({
    title: Str().trim().min(1).max(200),
    description: Str().trim().min(1).max(20_000),
    language: z.enum(['ja', 'en']).default('en'),
  })
  .strict();

export const UpdateVulnerabilityBody = z
  .object({
    title: Str().trim().min(1).max(200),
    description: Str().trim().min(1).max(20_000),
    status: z.enum(VULNERABILITY_STATUSES),
    cvss31Vector: Str().trim().max(200).nullable(),
    cvss40Vector: Str().trim().max(300).nullable(),
    cveId: CveId.nullable(),
    cwe: z
      .string()
      .regex(/^CWE-\d{1,5}$/)
      .nullable(),
    embargoUntil: DateTimeInput().nullable(),
    duplicateOfId: z.uuid().nullable(),
    /** Recurrence prevention, required to close a case: where the flaw came in and the check added since. */
    rootCausePhase: z.enum(ROOT_CAUSE_PHASES).nullable(),
    rootCause: Str().trim().min(1).max(5000).nullable(),
    checkAdded: Str().trim().min(1).max(5000).nullable(),
    /** The whole set of products in the case: replaces the previous set. */
    products: z.array(ProductStatusInput).max(500),
    /** a holder of vulnerabilities:manage; only while the case is open */
    assigneeId: z.uuid().nullable(),
  })
  .partial()
  .strict();

/** Assign many cases at once (`POST /api/vulnerabilities/bulk-assign`): all or none. */
export const BulkAssignVulnerabilitiesBody = z
  .object({
    ids: z
      .array(z.uuid())
      .min(1)
      .max(200)
      .refine((ids) => new Set(ids).size === ids.length, 'ids must not repeat'),
    assigneeId: z.uuid().nullable(),
  })
  .strict();
/** Who a case may be assigned to: accounts that handle cases (`GET /api/vulnerabilities/assignee-candidates`). */
export const AssigneeCandidatesQuery = z.object({ q: Str().trim().max(100).optional() }).strict();
export const AssigneeCandidates = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string() })),
});
export const BulkAssignResult = z.object({ assigned: z.number().int() });

import { z } from 'zod';
import { DayInput, ListQuery, RowVersion, Str } from './common';

/**
 * Vulnerability assessments of the group's own systems (issue #23): scanner runs, penetration tests and
 * configuration audits of named systems, their results imported from SARIF 2.1.0, a mapped CSV or an
 * OpenVAS/Greenbone report XML, de-duplicated across runs into findings with an owner, an SLA due date, a
 * known-exploited flag (KEV catalogue) and risk-acceptance exceptions.
 */
export const ASSESSMENT_KINDS = ['scanner', 'pentest', 'config_audit'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
export const ASSESSMENT_FORMATS = ['sarif', 'csv', 'openvas'] as const;
export type AssessmentFormat = (typeof ASSESSMENT_FORMATS)[number];
export const VULN_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type VulnSeverity = (typeof VULN_SEVERITIES)[number];
/** open / fixed as the runs tell; `accepted` while an approved exception has not expired (computed, never stored). */
export const ASSESSMENT_FINDING_STATES = ['open', 'fixed', 'accepted'] as const;
export const EXCEPTION_STATUSES = ['requested', 'approved', 'refused'] as const;
export const FINDING_EVENT_KINDS = [
  'opened',
  'fixed',
  'reopened',
  'exception_requested',
  'exception_approved',
  'exception_refused',
  'incident_opened',
] as const;
/** The fields a mapped CSV gives; `system` (a system's name or host), `rule` and `severity` are required. */
export const ASSESSMENT_CSV_FIELDS = ['system', 'rule', 'title', 'severity', 'location', 'cve', 'cwe'] as const;
export const ASSESSMENT_CSV_REQUIRED = ['system', 'rule', 'severity'] as const;

const Ref = z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() });
const Name = () => Str().trim().min(1).max(200);
const Column = Str().trim().min(1).max(100);
const Host = Str().trim().min(1).max(255);

export const CsvMapping = z
  .object({
    system: Column.nullable().default(null),
    rule: Column.nullable().default(null),
    title: Column.nullable().default(null),
    severity: Column.nullable().default(null),
    location: Column.nullable().default(null),
    cve: Column.nullable().default(null),
    cwe: Column.nullable().default(null),
  })
  .strict();
export type CsvMapping = z.infer<typeof CsvMapping>;

/** A system assessed, with the host names and addresses a scanner reports for it. */
export const AssessmentTarget = z.object({ systemId: z.uuid(), hosts: z.array(Host).max(50).default([]) }).strict();

export const CreateAssessmentBody = z
  .object({
    name: Name(),
    kind: z.enum(ASSESSMENT_KINDS),
    /** the unit responsible for the assessment: its systems are in this unit's subtree */
    unitId: z.uuid(),
    targets: z.array(AssessmentTarget).min(1).max(200),
    /** the columns of the CSV exports imported into this assessment (null: no CSV) */
    csvMapping: CsvMapping.nullable().default(null),
  })
  .strict();
export type CreateAssessmentBody = z.infer<typeof CreateAssessmentBody>;

export const SystemAssessment = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  name: z.string(),
  kind: z.enum(ASSESSMENT_KINDS),
  unit: Ref,
  targets: z.array(z.object({ system: Ref, hosts: z.array(z.string()) })),
  csvMapping: CsvMapping.nullable(),
  runs: z.number().int(),
  lastRunAt: z.string().nullable(),
  openFindings: z.number().int(),
  overdueFindings: z.number().int(),
  can: z.object({ import: z.boolean() }),
});
export type SystemAssessment = z.infer<typeof SystemAssessment>;
export const SystemAssessmentListQuery = ListQuery.extend({ unitId: z.uuid().optional() }).strict();

export const RunImportQuery = z
  .object({
    format: z.enum(ASSESSMENT_FORMATS),
    /** a full run covers every target: what it no longer reports is fixed; a partial run only adds and refreshes */
    full: z.enum(['true', 'false']).default('true'),
    fileName: Str().trim().max(200).default(''),
  })
  .strict();
export const AssessmentRun = z.object({
  id: z.uuid(),
  format: z.enum(ASSESSMENT_FORMATS),
  full: z.boolean(),
  fileName: z.string(),
  importedAt: z.string(),
  results: z.number().int(),
  opened: z.number().int(),
  reopened: z.number().int(),
  fixed: z.number().int(),
  seen: z.number().int(),
});
export type AssessmentRun = z.infer<typeof AssessmentRun>;

export const FindingException = z.object({
  id: z.uuid(),
  status: z.enum(EXCEPTION_STATUSES),
  reason: z.string(),
  expiresOn: z.string(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string(),
  expired: z.boolean(),
});
export const FindingEvent = z.object({
  kind: z.enum(FINDING_EVENT_KINDS),
  at: z.string(),
  runId: z.uuid().nullable(),
  by: z.string().nullable(),
});

export const AssessmentFinding = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  assessment: z.object({ id: z.uuid(), name: z.string() }),
  system: Ref,
  unit: Ref,
  owner: Ref.nullable(),
  ruleId: z.string(),
  title: z.string(),
  location: z.string(),
  severity: z.enum(VULN_SEVERITIES),
  cves: z.array(z.string()),
  cwes: z.array(z.string()),
  knownExploited: z.boolean(),
  state: z.enum(ASSESSMENT_FINDING_STATES),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  fixedAt: z.string().nullable(),
  dueOn: z.string(),
  /** open, not accepted, and past its due date / due within 7 days */
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  incidentId: z.uuid().nullable(),
  can: z.object({ requestException: z.boolean(), decideException: z.boolean(), openIncident: z.boolean() }),
});
export type AssessmentFinding = z.infer<typeof AssessmentFinding>;
export const AssessmentFindingDetail = AssessmentFinding.extend({
  events: z.array(FindingEvent),
  exceptions: z.array(FindingException),
});
export type AssessmentFindingDetail = z.infer<typeof AssessmentFindingDetail>;

export const AssessmentFindingQuery = ListQuery.extend({
  assessmentId: z.uuid().optional(),
  systemId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  state: z.enum(ASSESSMENT_FINDING_STATES).optional(),
  overdue: z.enum(['true']).optional(),
}).strict();
export type AssessmentFindingQuery = z.infer<typeof AssessmentFindingQuery>;

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** Which of these incidents were opened from a known-exploited finding (the incident board's KEV flag). */
export const ExploitedIncidentsQuery = z
  .object({
    /** incident ids, comma-separated, at most 200 */
    ids: Str()
      .max(200 * 37)
      .regex(new RegExp(`^${UUID}(,${UUID})*$`)),
  })
  .strict();
export const ExploitedIncidents = z.object({ incidentIds: z.array(z.uuid()) });
export type ExploitedIncidents = z.infer<typeof ExploitedIncidents>;

export const RequestExceptionBody = z.object({ reason: Str().trim().min(1).max(4000), expiresOn: DayInput() }).strict();
export type RequestExceptionBody = z.infer<typeof RequestExceptionBody>;
export const DecideExceptionBody = z
  .object({ decision: z.enum(['approved', 'refused']), note: Str().trim().max(4000).default('') })
  .strict();
export type DecideExceptionBody = z.infer<typeof DecideExceptionBody>;

export const KevCatalog = z.object({
  fileName: z.string(),
  catalogVersion: z.string(),
  entries: z.number().int(),
  uploadedAt: z.string(),
  flagged: z.number().int(),
});
export type KevCatalog = z.infer<typeof KevCatalog>;
export const KevUploadQuery = z.object({ fileName: Str().trim().max(200).default('') }).strict();

/** Remediation per unit or system: findings seen, fixed, open, overdue, and the share fixed. */
export const RemediationRow = z.object({
  unit: Ref,
  system: Ref.nullable(),
  total: z.number().int(),
  fixed: z.number().int(),
  open: z.number().int(),
  accepted: z.number().int(),
  overdue: z.number().int(),
  knownExploitedOpen: z.number().int(),
  /** fixed ÷ (fixed + open), 0…1; null with no finding */
  remediationRate: z.number().nullable(),
});
export type RemediationRow = z.infer<typeof RemediationRow>;
export const RemediationQuery = z.object({ by: z.enum(['unit', 'system']).default('unit') }).strict();

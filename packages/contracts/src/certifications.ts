import { z } from 'zod';
import { DayInput, RowVersion, Str } from './common';
import { IncidentStatus, Severity } from './incidents';

/**
 * Certifications (issue #22): the certificates and labels each company of the group holds — ISO/IEC 27001 and the
 * others — with their scope (a statement and the org units it covers), validity, audit dates and the certificate
 * file. The standards are a catalogue (catalogs/certification-standards.json, ja + en names as data).
 */
export const CERTIFICATION_STANDARDS = [
  'iso27001',
  'iso27701',
  'iso21434',
  'tisax',
  'privacymark',
  'iec62443-4-1',
  'soc2',
] as const;
export type CertificationStandard = (typeof CERTIFICATION_STANDARDS)[number];

export const CERTIFICATION_AUDIT_KINDS = ['surveillance', 'recertification'] as const;
export type CertificationAuditKind = (typeof CERTIFICATION_AUDIT_KINDS)[number];

/** The certificate file: PDF or an image of the paper certificate, at most 10 MB. */
export const CERTIFICATE_FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const MAX_CERTIFICATE_FILE_BYTES = 10 * 1024 * 1024;

const Text = (max: number) => Str().trim().max(max);

export const CertificationAuditInput = z
  .object({
    kind: z.enum(CERTIFICATION_AUDIT_KINDS),
    /** the day the audit is planned (or was held) */
    date: DayInput(),
    /** the day the audit was held; null while it is planned */
    heldOn: DayInput().nullable().default(null),
    /** the audit's findings as the body reported them (nonconformities, observations), in the team's words */
    findings: Text(4000).default(''),
  })
  .strict();
export type CertificationAuditInput = z.input<typeof CertificationAuditInput>;

const CertificationFields = {
  standard: z.enum(CERTIFICATION_STANDARDS),
  /** the edition or version (27001:2022, TISAX ISA 6, SOC 2 Type II…); a catalogue value or free text */
  edition: Text(60),
  /** TISAX: the assessment level (AL2, AL3); empty for the others */
  assessmentLevel: Text(20).default(''),
  /** TISAX: the labels obtained (Info high, Prototype protection…) */
  labels: z.array(Text(80).min(1)).max(20).default([]),
  registrationNumber: Text(100).min(1),
  certificationBody: Text(200).min(1),
  /** the accreditation of the body (ISMS-AC, UKAS, ENX…) */
  accreditation: Text(200).default(''),
  firstRegisteredOn: DayInput().nullable().default(null),
  validFrom: DayInput(),
  validTo: DayInput(),
  scopeJa: Text(4000).default(''),
  scopeEn: Text(4000).default(''),
  /** the org units the certificate covers: the company's own unit or units inside it */
  scopeUnitIds: z.array(z.uuid()).max(500).default([]),
  audits: z.array(CertificationAuditInput).max(50).default([]),
};

export const CreateCertificationBody = z.object({ companyId: z.uuid(), ...CertificationFields }).strict();
export type CreateCertificationBody = z.infer<typeof CreateCertificationBody>;

export const UpdateCertificationBody = z
  .object({
    standard: CertificationFields.standard,
    edition: CertificationFields.edition,
    assessmentLevel: Text(20),
    labels: z.array(Text(80).min(1)).max(20),
    registrationNumber: CertificationFields.registrationNumber,
    certificationBody: CertificationFields.certificationBody,
    accreditation: Text(200),
    firstRegisteredOn: DayInput().nullable(),
    validFrom: DayInput(),
    validTo: DayInput(),
    scopeJa: Text(4000),
    scopeEn: Text(4000),
    scopeUnitIds: z.array(z.uuid()).max(500),
    audits: z.array(CertificationAuditInput).max(50),
    /** retire the certificate (withdrawn or not renewed): it stays on record but leaves the unit pages */
    withdrawn: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateCertificationBody = z.infer<typeof UpdateCertificationBody>;

const UnitRef = z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() });

export const CertificationAudit = z.object({
  id: z.uuid(),
  kind: z.enum(CERTIFICATION_AUDIT_KINDS),
  date: z.string(),
  heldOn: z.string().nullable(),
  findings: z.string(),
});

export const CertificateFile = z.object({
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

export const Certification = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  company: UnitRef,
  standard: z.enum(CERTIFICATION_STANDARDS),
  standardNameJa: z.string(),
  standardNameEn: z.string(),
  edition: z.string(),
  assessmentLevel: z.string(),
  labels: z.array(z.string()),
  registrationNumber: z.string(),
  certificationBody: z.string(),
  accreditation: z.string(),
  firstRegisteredOn: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  /** valid today, expired, or withdrawn (computed in Tokyo's today) */
  state: z.enum(['valid', 'expired', 'withdrawn', 'not_yet_valid']),
  scopeJa: z.string(),
  scopeEn: z.string(),
  scopeUnits: z.array(UnitRef),
  audits: z.array(CertificationAudit),
  /** the next planned audit (not held yet), if any */
  nextAudit: CertificationAudit.nullable(),
  file: CertificateFile.nullable(),
  can: z.object({ manage: z.boolean() }),
});
export type Certification = z.infer<typeof Certification>;

export const CertificationListQuery = z
  .object({
    companyId: z.uuid().optional(),
    standard: z.enum(CERTIFICATION_STANDARDS).optional(),
    /** also list withdrawn certificates */
    withdrawn: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const UploadCertificateFileBody = z
  .object({
    name: Text(200).min(1),
    mediaType: Str().max(100),
    contentBase64: z.string().max(15_000_000),
  })
  .strict();

export const CertificationStandardInfo = z.object({
  id: z.enum(CERTIFICATION_STANDARDS),
  nameJa: z.string(),
  nameEn: z.string(),
  editions: z.array(z.string()),
  /** the standard has an assessment level and labels (TISAX) */
  labels: z.array(z.object({ id: z.string(), nameJa: z.string(), nameEn: z.string() })),
  levels: z.array(z.string()),
});

/** A company the caller may choose for a certificate (the companies in their manage scope). */
export const CertificationCompany = z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() });

/* ---- Incidents shared with the holding (the group CSIRT's board) ---- */

export const GROUP_SHARE_REASONS = ['severity', 'personal_data', 'ransomware', 'named_type', 'regulatory_report_due'] as const;
export type GroupShareReason = (typeof GROUP_SHARE_REASONS)[number];

/** The holding's rule: which companies' incidents reach its CSIRT (a setting of the group). */
export const GroupIncidentSharing = z
  .object({
    /** incidents of this severity or above are shared */
    minSeverity: Severity,
    /** incidents touching personal data are shared whatever their severity */
    personalData: z.boolean(),
    /** incident types shared whatever their severity (ransomware is reported as this type) */
    typeIds: z.array(Str().trim().min(1).max(60)).max(50),
    /** incidents with a regulatory report clock running are shared whatever their severity */
    regulatoryReportDue: z.boolean(),
  })
  .strict();
export type GroupIncidentSharing = z.infer<typeof GroupIncidentSharing>;

export const GroupIncidentSharingSetting = z.object({
  value: GroupIncidentSharing,
  scope: z.string(),
  version: z.number().int(),
  updatedAt: z.date().nullable(),
});

export const GroupIncidentClock = z.object({
  ruleId: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  dueAt: z.string(),
  metAt: z.string().nullable(),
  hard: z.boolean(),
});

/** What the holding sees of a company's case: never its evidence, timeline, people or description. */
export const GroupIncident = z.object({
  id: z.uuid(),
  number: z.string(),
  company: UnitRef.nullable(),
  typeId: z.string(),
  typeNameJa: z.string(),
  typeNameEn: z.string(),
  severity: Severity,
  status: IncidentStatus,
  /** the case's title: the one-line summary the company's CSIRT wrote */
  summary: z.string(),
  personalData: z.boolean(),
  reasons: z.array(z.enum(GROUP_SHARE_REASONS)),
  reportedAt: z.string(),
  awareAt: z.string(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
  nextDueAt: z.string().nullable(),
  clocks: z.array(GroupIncidentClock),
});
export type GroupIncident = z.infer<typeof GroupIncident>;

export const GroupIncidentListQuery = z
  .object({
    companyId: z.uuid().optional(),
    /** open (default), closed or all */
    state: z.enum(['open', 'closed', 'all']).default('open'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

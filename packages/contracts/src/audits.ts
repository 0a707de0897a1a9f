import { z } from 'zod';
import { DayInput, RowVersion, Str } from './common';

/**
 * Internal audits (内部監査, issue #12): the register of qualified internal auditors, the yearly audit programme,
 * the audits with their checklist, and findings with their corrective actions. Not to be confused with the
 * hash-chained audit LOG (`audit.ts`): every name here says "internal audit", "auditor" or "finding".
 */

const Bilingual = z.object({ ja: z.string(), en: z.string() });
const text = (max: number) => Str().trim().max(max);

export const QUALIFICATION_SOURCES = ['manual', 'training'] as const;
export const AuditorTrainingEntry = z
  .object({ date: DayInput(), title: text(200).min(1), hours: z.number().min(0).max(1000).optional() })
  .strict();
export type AuditorTrainingEntry = z.infer<typeof AuditorTrainingEntry>;

export const InternalAuditor = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  person: z.object({ id: z.uuid(), name: Bilingual, unit: Bilingual.nullable(), unitId: z.uuid().nullable() }),
  qualifiedOn: z.string(),
  expiresOn: z.string(),
  /** 'training' when the education module recorded the qualification, 'manual' when the office entered it */
  qualificationSource: z.enum(QUALIFICATION_SOURCES),
  training: z.array(AuditorTrainingEntry),
  notes: z.string(),
  /** false once the qualification has expired (as of today in Tokyo) */
  valid: z.boolean(),
  audits: z.number().int(),
});
export type InternalAuditor = z.infer<typeof InternalAuditor>;

export const CreateAuditorBody = z
  .object({
    personId: z.uuid(),
    qualifiedOn: DayInput(),
    expiresOn: DayInput(),
    qualificationSource: z.enum(QUALIFICATION_SOURCES).default('manual'),
    training: z.array(AuditorTrainingEntry).max(100).default([]),
    notes: text(2000).default(''),
  })
  .strict();
export const UpdateAuditorBody = z
  .object({
    qualifiedOn: DayInput().optional(),
    expiresOn: DayInput().optional(),
    qualificationSource: z.enum(QUALIFICATION_SOURCES).optional(),
    training: z.array(AuditorTrainingEntry).max(100).optional(),
    notes: text(2000).optional(),
  })
  .strict();

export const AUDIT_STATES = ['planned', 'in_progress', 'reported', 'closed'] as const;
export const AuditState = z.enum(AUDIT_STATES);
export type AuditState = z.infer<typeof AuditState>;
export const AUDIT_MODES = ['on_site', 'remote'] as const;
export const CHECK_RESULTS = ['conforming', 'nonconforming', 'observation', 'na'] as const;
export const FINDING_TYPES = ['major', 'minor', 'observation', 'good_practice'] as const;
export type FindingType = (typeof FINDING_TYPES)[number];
/** open: waits for the unit's corrective action; answered: waits for the auditor's check; closed; noted (no action). */
export const FINDING_STATES = ['open', 'answered', 'closed', 'noted'] as const;
export type FindingState = (typeof FINDING_STATES)[number];
export const REFERENCE_KINDS = ['clause', 'control'] as const;

const UnitRef = z.object({ id: z.uuid(), name: Bilingual });
const AuditorRef = z.object({ id: z.uuid(), name: Bilingual });

export const AuditProgramme = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  fiscalYear: z.number().int(),
  title: z.string(),
  scope: UnitRef,
  counts: z.object({
    audits: z.number().int(),
    planned: z.number().int(),
    inProgress: z.number().int(),
    reported: z.number().int(),
    closed: z.number().int(),
  }),
  createdAt: z.iso.datetime(),
});
export type AuditProgramme = z.infer<typeof AuditProgramme>;

export const CreateProgrammeBody = z
  .object({ fiscalYear: z.number().int().min(2000).max(2100), scopeUnitId: z.uuid(), title: text(200).min(1) })
  .strict();

export const UnitProposal = z.object({
  unit: UnitRef,
  kind: z.string(),
  lastAuditedOn: z.string().nullable(),
  openRisks: z.number().int(),
  highRisks: z.number().int(),
  /** why it is proposed, most important first */
  reasons: z.array(z.enum(['never_audited', 'rotation', 'risk'])),
});
export type UnitProposal = z.infer<typeof UnitProposal>;

export const PlanAudit = z
  .object({
    unitId: z.uuid(),
    leadAuditorId: z.uuid(),
    coAuditorIds: z.array(z.uuid()).max(10).default([]),
    plannedFrom: DayInput(),
    plannedTo: DayInput(),
    mode: z.enum(AUDIT_MODES).default('on_site'),
    scope: text(4000).default(''),
  })
  .strict();
export const PlanAuditsBody = z.object({ audits: z.array(PlanAudit).min(1).max(500) }).strict();

export const InternalAuditSummary = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  programmeId: z.uuid(),
  fiscalYear: z.number().int(),
  unit: UnitRef,
  state: AuditState,
  mode: z.enum(AUDIT_MODES),
  plannedFrom: z.string(),
  plannedTo: z.string(),
  lead: AuditorRef,
  coAuditors: z.array(AuditorRef),
  followUpOf: z.uuid().nullable(),
  findings: z.number().int(),
  openNonconformities: z.number().int(),
});
export type InternalAuditSummary = z.infer<typeof InternalAuditSummary>;

export const AuditChecklistItem = z.object({
  ref: z.string(),
  source: z.enum(['control', 'rule', 'finding']),
  /** the clause or control it checks */
  reference: z.string(),
  question: Bilingual,
  result: z.enum(CHECK_RESULTS).nullable(),
  notes: z.string(),
});
export type AuditChecklistItem = z.infer<typeof AuditChecklistItem>;

export const AuditInterview = z
  .object({ name: text(200).min(1), role: text(200).default(''), heldOn: DayInput(), notes: text(4000).default('') })
  .strict();

export const AuditEvidence = z.object({
  id: z.uuid(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.iso.datetime(),
});

export const InternalAudit = InternalAuditSummary.extend({
  scope: z.string(),
  conclusion: z.string(),
  interviews: z.array(AuditInterview),
  checklist: z.array(AuditChecklistItem),
  evidence: z.array(AuditEvidence),
  startedAt: z.iso.datetime().nullable(),
  reportedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  /** what the reader may do on it */
  can: z.object({ conduct: z.boolean(), manage: z.boolean() }),
});
export type InternalAudit = z.infer<typeof InternalAudit>;

export const UpdateAuditBody = z
  .object({
    scope: text(4000).optional(),
    conclusion: text(8000).optional(),
    mode: z.enum(AUDIT_MODES).optional(),
    plannedFrom: DayInput().optional(),
    plannedTo: DayInput().optional(),
    /** re-planning by the office while the audit is planned: the same rules as planning (registered, valid, independent) */
    leadAuditorId: z.uuid().optional(),
    coAuditorIds: z.array(z.uuid()).max(10).optional(),
    interviews: z.array(AuditInterview).max(100).optional(),
  })
  .strict();
export const AuditTransitionBody = z.object({ to: z.enum(['in_progress', 'reported', 'closed']) }).strict();
export const ChecklistResultBody = z.object({ result: z.enum(CHECK_RESULTS).nullable(), notes: text(4000).default('') }).strict();
export const AddAuditEvidenceBody = z
  .object({ name: text(200).min(1), mediaType: z.string().max(200), contentBase64: z.string().max(15_000_000) })
  .strict();
export const FollowUpBody = z
  .object({
    plannedFrom: DayInput(),
    plannedTo: DayInput(),
    leadAuditorId: z.uuid(),
    mode: z.enum(AUDIT_MODES).default('on_site'),
  })
  .strict();

export const CorrectiveAction = z.object({
  rootCause: z.string(),
  whySteps: z.array(z.string()),
  actionPlan: z.string(),
  owner: z.string(),
  dueDate: z.string(),
  answeredAt: z.iso.datetime(),
});

export const AuditFinding = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  auditId: z.uuid(),
  number: z.number().int(),
  unit: UnitRef,
  type: z.enum(FINDING_TYPES),
  referenceKind: z.enum(REFERENCE_KINDS),
  reference: z.string(),
  statement: z.string(),
  evidence: z.string(),
  state: z.enum(FINDING_STATES),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  correctiveAction: CorrectiveAction.nullable(),
  effectivenessCheck: z.string().nullable(),
  reopenReason: z.string().nullable(),
  closedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  can: z.object({ answer: z.boolean(), verify: z.boolean() }),
});
export type AuditFinding = z.infer<typeof AuditFinding>;

export const CreateAuditFindingBody = z
  .object({
    auditId: z.uuid(),
    type: z.enum(FINDING_TYPES),
    referenceKind: z.enum(REFERENCE_KINDS).optional(),
    reference: text(20).default(''),
    statement: text(4000).min(1),
    evidence: text(4000).default(''),
    answerDueDate: DayInput().optional(),
  })
  .strict();
export const AnswerAuditFindingBody = z
  .object({
    rootCause: text(4000).min(1),
    whySteps: z.array(text(1000).min(1)).max(10).default([]),
    actionPlan: text(4000).min(1),
    owner: text(200).min(1),
    dueDate: DayInput(),
  })
  .strict();
export const VerifyAuditFindingBody = z
  .object({ decision: z.enum(['close', 'reopen']), effectivenessCheck: text(4000).default(''), reason: text(4000).default('') })
  .strict();

export const AuditFindingListQuery = z
  .object({
    auditId: z.uuid().optional(),
    state: z.enum(FINDING_STATES).optional(),
    type: z.enum(FINDING_TYPES).optional(),
    fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const InternalAuditListQuery = z
  .object({
    programmeId: z.uuid().optional(),
    fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
    state: AuditState.optional(),
    month: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .optional(),
    mine: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(500),
  })
  .strict();

/** The roll-up the management review and the dashboard read (auditProgrammeSummary). */
export const AuditProgrammeSummary = z.object({
  fiscalYear: z.number().int(),
  audits: z.object({
    planned: z.number().int(),
    inProgress: z.number().int(),
    reported: z.number().int(),
    closed: z.number().int(),
    total: z.number().int(),
  }),
  findings: z.object({
    major: z.number().int(),
    minor: z.number().int(),
    observation: z.number().int(),
    good_practice: z.number().int(),
  }),
  openNonconformities: z.number().int(),
  overdueNonconformities: z.number().int(),
});
export type AuditProgrammeSummary = z.infer<typeof AuditProgrammeSummary>;

export const AuditFindingBoard = z.object({
  columns: z.array(z.object({ state: z.enum(FINDING_STATES), items: z.array(AuditFinding), total: z.number().int() })),
});

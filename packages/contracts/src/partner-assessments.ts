import { z } from 'zod';
import { DayInput, Language, ListQuery, RowVersion, Str } from './common';
import { PartnerTier } from './partners';

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'reopened', 'closed'] as const;
export const ANSWER_VALUES = ['implemented', 'partly', 'not_implemented', 'not_applicable'] as const;
export const AnswerValue = z.enum(ANSWER_VALUES);
export const IR_STATUSES = ['open', 'answered', 'returned', 'accepted'] as const;

/** a day in output; input days are bounded (DayInput) */
const Day = z.iso.date();
const DayIn = DayInput();
const Text = z.object({ ja: z.string(), en: z.string() });
const Score = z.number().nullable();
export const GroupScores = z.object({ '1': Score, '2': Score, '3': Score, '4': Score, '5': Score });

export const Campaign = z.object({
  id: z.uuid(),
  name: z.string(),
  catalogVersion: z.number().int(),
  dueOn: Day,
  reminderDays: z.array(z.number().int()),
  assessments: z.number().int(),
  submitted: z.number().int(),
  createdAt: z.iso.datetime(),
});
/** POST /api/partner-campaigns/{id}/remind: sheets reminded now, and those still open but reminded in the last 20 h */
export const CampaignReminder = z.object({ reminded: z.number().int(), skipped: z.number().int(), mails: z.number().int() });
export const CreateCampaignBody = z
  .object({
    name: Str().trim().min(1).max(200),
    dueOn: DayIn,
    /** the partners to assess; omitted = every active partner */
    partnerIds: z.array(z.uuid()).min(1).max(50_000).optional(),
    reminderDays: z.array(z.number().int().min(1).max(90)).max(5).default([14, 3]),
  })
  .strict();

export const AssessmentSummary = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  partnerNameJa: z.string(),
  campaignId: z.uuid(),
  campaignName: z.string(),
  catalogVersion: z.number().int(),
  status: z.enum(ASSESSMENT_STATUSES),
  dueOn: Day,
  submittedAt: z.iso.datetime().nullable(),
  score: Score,
  threshold: z.number().int().nullable(),
  passed: z.boolean().nullable(),
});
const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const AssessmentListQuery = ListQuery.extend({
  partnerId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  status: z.enum(ASSESSMENT_STATUSES).optional(),
  /** not submitted by the due date */
  overdue: Bool.optional(),
}).strict();
/** Lists as XLSX: the list's filters; headers in `lang` (default: the reader's language). */
export const AssessmentExportQuery = AssessmentListQuery.omit({ limit: true, cursor: true, q: true })
  .extend({ lang: Language.optional() })
  .strict();

export const AnswerItem = z.object({
  requirementId: z.string(),
  group: z.enum(['1', '2', '3', '4', '5']),
  subItem: z.string(),
  stem: Text.nullable(),
  text: Text,
  weight: z.number(),
  critical: z.boolean(),
  value: AnswerValue.nullable(),
  reason: z.string().nullable(),
  comment: z.string().nullable(),
  evidenceFileIds: z.array(z.uuid()),
});
/** A partner's request to reopen a submitted check sheet; the office approves (back to answering) or refuses it. */
export const REOPEN_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;
export const ReopenRequest = z.object({
  id: z.uuid(),
  assessmentId: z.uuid(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  partnerNameJa: z.string(),
  campaignName: z.string(),
  reason: z.string(),
  status: z.enum(REOPEN_REQUEST_STATUSES),
  requestedAt: z.iso.datetime(),
  requestedByName: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  /** the office's reason for a refusal, or its comment on an approval */
  decisionReason: z.string().nullable(),
});
export const ReopenRequestListQuery = ListQuery.extend({
  status: z.enum(REOPEN_REQUEST_STATUSES).optional(),
  assessmentId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
}).strict();
export const ApproveReopenBody = z.object({ comment: Str().trim().max(2000).default('') }).strict();

/** An earlier submission of a check sheet, kept when it was reopened: its score stays in the history. */
export const AssessmentRound = z.object({
  submittedAt: z.iso.datetime().nullable(),
  score: Score,
  scores: GroupScores,
  threshold: z.number().int().nullable(),
  passed: z.boolean().nullable(),
  reopenedAt: z.iso.datetime(),
  reopenReason: z.string(),
});

export const Assessment = AssessmentSummary.extend({
  tier: PartnerTier,
  scores: GroupScores,
  reopenReason: z.string().nullable(),
  answered: z.number().int(),
  total: z.number().int(),
  items: z.array(AnswerItem),
  history: z.array(AssessmentRound),
  reopenRequests: z.array(ReopenRequest),
  /** the partner's latest earlier submitted sheet, whose answers can start this one (copy-previous) */
  previousSheet: z.object({ id: z.uuid(), campaignName: z.string(), submittedAt: z.string() }).nullable(),
});
export type Assessment = z.infer<typeof Assessment>;
export const CopyPreviousResult = z.object({ copied: z.number().int(), assessment: Assessment });

export const AnswerInput = z
  .object({
    requirementId: Str().min(1).max(20),
    value: AnswerValue,
    reason: Str().trim().max(2000).nullable().default(null),
    comment: Str().trim().max(2000).nullable().default(null),
    /** files uploaded with POST /api/partners/{id}/files; omitted = keep the evidence already attached */
    evidenceFileIds: z.array(z.uuid()).max(20).optional(),
  })
  .strict();
export const SaveAnswersBody = z.object({ answers: z.array(AnswerInput).min(1).max(500) }).strict();
export const ReopenBody = z.object({ reason: Str().trim().min(1).max(2000) }).strict();

export const ImprovementRequest = z.object({
  rowVersion: RowVersion,
  id: z.uuid(),
  assessmentId: z.uuid(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  partnerNameJa: z.string(),
  requirementId: z.string(),
  requirementText: Text,
  reason: z.enum(['below_threshold', 'critical']),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  dueOn: Day,
  status: z.enum(IR_STATUSES),
  overdue: z.boolean(),
  plan: z.string().nullable(),
  evidenceFileIds: z.array(z.uuid()),
  answeredAt: z.iso.datetime().nullable(),
  decisionComment: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  escalatedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export const ImprovementRequestListQuery = ListQuery.extend({
  partnerId: z.uuid().optional(),
  assessmentId: z.uuid().optional(),
  status: z.enum(IR_STATUSES).optional(),
  overdue: Bool.optional(),
  /** not yet accepted: open, answered or returned */
  open: Bool.optional(),
}).strict();
export const ImprovementRequestExportQuery = ImprovementRequestListQuery.omit({ limit: true, cursor: true, q: true })
  .extend({ lang: Language.optional() })
  .strict();
export const AnswerImprovementBody = z
  .object({ plan: Str().trim().min(1).max(5000), evidenceFileIds: z.array(z.uuid()).max(20).default([]) })
  .strict();
export const DecideImprovementBody = z.object({ comment: Str().trim().max(2000).default('') }).strict();
export const UpdateImprovementBody = z.object({ ownerId: z.uuid().nullable(), dueOn: DayIn }).partial().strict();

export const PartnerFile = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});

export const PartnerDashboard = z.object({
  partners: z.number().int(),
  scoreDistribution: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
  unscored: z.number().int(),
  trend: z.array(
    /** by fiscal year (April–March, named by its start: contracts fiscalYearOf) of the campaign's due day */
    z.object({
      fiscalYear: z.number().int(),
      assessments: z.number().int(),
      averageScore: Score,
      belowThreshold: z.number().int(),
    }),
  ),
  overdueAssessments: z.number().int(),
  openImprovementRequestsByAge: z.array(z.object({ bucket: z.string(), count: z.number().int() })),
  overdueImprovementRequests: z.number().int(),
  partnersWithoutValidNda: z.number().int(),
  subcontractorsWithoutNotice: z.number().int(),
  pendingReopenRequests: z.number().int(),
});

export const CheckSheetUploadResult = z.object({ applied: z.number().int(), unchanged: z.number().int() });

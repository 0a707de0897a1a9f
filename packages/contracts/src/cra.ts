import { z } from 'zod';
import { DateTimeInput, Str } from './common';

/**
 * EU Cyber Resilience Act art. 14 reporting from a vulnerability case (issue 17): the case is marked actively
 * exploited (or a severe incident affecting the product's security), the stages' clocks run from the catalogue
 * catalogs/regulatory-reporting-rules.json, and the PSIRT records each submission and when a fix was available.
 */
export const CRA_REGIMES = ['cra-exploited-vulnerability', 'cra-severe-incident'] as const;
export const CRA_RECIPIENTS = ['enisa_srp', 'csirt_coordinator'] as const;
export const CRA_STAGE_STATUSES = ['waiting', 'pending', 'due_soon', 'overdue', 'met', 'met_late'] as const;

const Bilingual = z.object({ ja: z.string(), en: z.string() });

/** Why an affected product of the case has no CRA clock (null: it has them). */
export const CRA_NO_CLOCK_REASONS = ['not_affected', 'not_in_cra_scope', 'not_on_eu_market'] as const;

export const CraProduct = z.object({
  productId: z.uuid(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  /** the product's status in the case (affected, under_investigation, …) */
  status: z.string(),
  craInScope: z.boolean(),
  euMarketSince: z.iso.date().nullable(),
  craCategory: z.string(),
  supportPeriodEnd: z.iso.date().nullable(),
  mainEstablishment: z.string().nullable(),
  euMarkets: z.array(z.string()),
  /** null: the product has clocks; otherwise why it has none */
  noClockReason: z.enum(CRA_NO_CLOCK_REASONS).nullable(),
});

export const CraDeadline = z.object({
  id: z.uuid(),
  /** the product the clock runs for (null: a case-wide clock kept from before clocks were per product) */
  productId: z.uuid().nullable(),
  ruleId: z.string(),
  stage: z.string(),
  title: Bilingual,
  recipient: Bilingual,
  source: z.string(),
  checkWithLegal: z.boolean(),
  interpretation: Bilingual.nullable(),
  hard: z.boolean(),
  /** null while the stage waits for its start (the fix, an earlier submission) */
  startAt: z.iso.datetime().nullable(),
  warnAt: z.iso.datetime().nullable(),
  dueAt: z.iso.datetime().nullable(),
  /** what a waiting stage waits for, in words */
  waitingFor: Bilingual.nullable(),
  status: z.enum(CRA_STAGE_STATUSES),
  /** milliseconds until dueAt (negative when overdue); null when waiting or submitted */
  timeLeftMs: z.number().nullable(),
  submission: z
    .object({
      submittedAt: z.iso.datetime(),
      recipient: z.enum(CRA_RECIPIENTS),
      reference: z.string(),
      text: z.string(),
      submittedBy: z.string().nullable(),
      /** the saved draft submitted, and its SHA-256 as reviewed (null: text recorded without a draft) */
      draftId: z.uuid().nullable(),
      draftSha256: z.string().nullable(),
    })
    .nullable(),
});

export const CraUserNotice = z.object({
  askedBy: z.array(z.string()),
  draft: z
    .object({ craRuleId: z.string().nullable(), createdAt: z.iso.datetime(), advisoryTrackingId: z.string().nullable() })
    .nullable(),
});

export const CraReporting = z.object({
  /** null: the case is not reportable under the CRA (not marked) */
  reporting: z
    .object({
      regime: z.enum(CRA_REGIMES),
      awareAt: z.iso.datetime(),
      evidence: z.string(),
      fixAvailableAt: z.iso.datetime().nullable(),
      fixNote: z.string().nullable(),
      markedAt: z.iso.datetime(),
      markedBy: z.string().nullable(),
    })
    .nullable(),
  /** every product of the case, with its CRA attributes and whether it has clocks */
  products: z.array(CraProduct),
  deadlines: z.array(CraDeadline),
  /**
   * CRA art. 14(8): the stages of the case that ask users to be informed (rule ids), and the user notice drafted as
   * the case's advisory (the stage it answers; its tracking id once published)
   */
  userNotice: CraUserNotice,
});

export const UserNoticeBody = z
  .object({
    /** the stage answered (a rule id of the case asking users to be informed); default: the first such stage */
    ruleId: z
      .string()
      .regex(/^[a-z0-9-]{1,60}$/)
      .optional(),
  })
  .strict();

export const MarkCraBody = z
  .object({
    regime: z.enum(CRA_REGIMES).default('cra-exploited-vulnerability'),
    /** when the PSIRT became aware of the exploitation (or of the incident) */
    awareAt: DateTimeInput(),
    evidence: Str().trim().min(1).max(20_000),
  })
  .strict();

export const CraFixBody = z
  .object({
    /** when a corrective or mitigating measure became available to users */
    availableAt: DateTimeInput(),
    note: Str().trim().max(5000).optional(),
  })
  .strict();

export const CraSubmissionBody = z
  .object({
    ruleId: z.string().regex(/^[a-z0-9-]{1,60}$/),
    /** the product whose stage was submitted; without it, the stage of every product whose clock runs */
    productId: z.uuid().optional(),
    submittedAt: DateTimeInput(),
    recipient: z.enum(CRA_RECIPIENTS),
    reference: Str().trim().min(1).max(200),
    /** the text sent; without it, the reviewed draft's document (`draftId`) */
    text: Str().trim().min(1).max(50_000).optional(),
    /** the saved, reviewed draft that was submitted (its hash is stored with the submission) */
    draftId: z.uuid().optional(),
  })
  .strict();

/** The stages a report draft is made for (CRA art. 14(2)(a)-(c) / 14(4)(a)-(c)). */
export const CRA_DRAFT_STAGES = ['early_warning', 'notification', 'final_report'] as const;
export const CraDraftParams = z.object({ id: z.uuid(), stage: z.enum(CRA_DRAFT_STAGES) }).strict();
export const CraDraftQuery = z.object({ lang: z.enum(['ja', 'en']).default('en') }).strict();

/**
 * A report draft generated from the case, in the shape of what ENISA's single reporting platform asks for at each
 * stage: the products (with version, category and the coordinating CSIRT's member state), the vulnerability, the
 * exploitation, the corrective or mitigating measures and the member states concerned. A draft to review: the
 * PSIRT submits it on the platform and records the submission.
 */
export const CraDraft = z.object({
  schema: z.literal('mamori-cra-report-draft/1'),
  generatedAt: z.iso.datetime(),
  regime: z.enum(CRA_REGIMES),
  stage: z.enum(CRA_DRAFT_STAGES),
  ruleId: z.string(),
  legalBasis: z.string(),
  dueAt: z.iso.datetime().nullable(),
  manufacturer: z.object({ name: z.string(), contact: z.string().nullable() }),
  coordinatingCsirtMemberStates: z.array(z.string()),
  products: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      craCategory: z.string(),
      euMarketSince: z.iso.date().nullable(),
      supportPeriodEnd: z.iso.date().nullable(),
      mainEstablishment: z.string().nullable(),
      memberStatesMadeAvailable: z.array(z.string()),
      affectedVersions: z.string().nullable(),
      fixedVersion: z.string().nullable(),
      dueAt: z.iso.datetime().nullable(),
      submitted: z.boolean(),
    }),
  ),
  vulnerability: z.object({
    trackingId: z.string(),
    cve: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    cvss: z.object({ version: z.string(), vector: z.string(), score: z.number(), severity: z.string() }).nullable(),
  }),
  exploitation: z.object({
    activelyExploited: z.boolean(),
    severeIncident: z.boolean(),
    awareAt: z.iso.datetime(),
    evidence: z.string(),
  }),
  correctiveMeasures: z.object({
    fixAvailableAt: z.iso.datetime().nullable(),
    fixNote: z.string().nullable(),
    measures: z.array(z.string()),
  }),
  memberStatesAffected: z.array(z.string()),
  sensitivity: z.string(),
  /** what the reviewer still has to fill in or check before submitting, in the draft's language */
  toCheck: z.array(z.string()),
});

/**
 * A report draft saved for review (issue 17): the generated JSON as stored (its SHA-256 over the stored text), who
 * saved it and when, for which stage and product; reviewed by another person than its author (four eyes), or by the
 * author with the reason written down; a submission names it and stores its hash.
 */
export const CRA_SAVED_DRAFT_STATUSES = ['to_review', 'reviewed', 'changed_after_review', 'submitted'] as const;

export const CraSavedDraft = z.object({
  id: z.uuid(),
  stage: z.enum(CRA_DRAFT_STAGES),
  ruleId: z.string(),
  /** the product the draft is about (null: every product with a clock of the stage) */
  productId: z.uuid().nullable(),
  lang: z.enum(['ja', 'en']),
  sha256: z.string(),
  status: z.enum(CRA_SAVED_DRAFT_STATUSES),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  reviewedBy: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.iso.datetime().nullable(),
  /** the hash the reviewer approved; a draft whose hash differs changed after its review */
  reviewedSha256: z.string().nullable(),
  /** why the author reviewed their own draft (no second person available) */
  selfReviewReason: z.string().nullable(),
  submittedAt: z.iso.datetime().nullable(),
});
export const CraSavedDraftDetail = CraSavedDraft.extend({ document: CraDraft });
export const CraSavedDraftList = z.object({ items: z.array(CraSavedDraft) });
export const CraSavedDraftParams = z.object({ id: z.uuid(), draftId: z.uuid() }).strict();

export const SaveCraDraftBody = z
  .object({
    stage: z.enum(CRA_DRAFT_STAGES),
    lang: z.enum(['ja', 'en']).default('en'),
    /** one product's draft; without it, every product with a clock of the stage */
    productId: z.uuid().optional(),
  })
  .strict();

/** The PSIRT's edit of a saved draft (before or after review; after review the review no longer matches). */
export const EditCraDraftBody = z.object({ document: CraDraft }).strict();

export const ReviewCraDraftBody = z
  .object({
    /** the hash of the draft as the reviewer read it: a draft changed meanwhile is refused */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** required when the author reviews their own draft: why no second person could */
    selfReviewReason: Str().trim().min(10).max(2000).optional(),
  })
  .strict();

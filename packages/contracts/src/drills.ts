import { z } from 'zod';
import { DateTimeInput, ListQuery, Str } from './common';

/**
 * Targeted-mail drills (標的型攻撃メール訓練, issue #13, seed 004 and seed 002 3-2). The security office designs a
 * drill (templates in ja and en, target groups, a send window); Mamori sends one mail per recipient with a token in
 * the link and in a tracking image, and records delivered, opened, clicked and reported. Automated hits (mail
 * scanners) are kept out of the rates and counted apart.
 */
export const DRILL_STATUSES = ['draft', 'queued', 'done', 'cancelled'] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];

/** The role group of a recipient, fixed when the drill is queued: results are shown per group. */
export const DRILL_ROLE_GROUPS = ['executive', 'org_head', 'staff'] as const;
export type DrillRoleGroup = (typeof DRILL_ROLE_GROUPS)[number];

/** Why a hit was judged automated (a mail scanner or a link preview) and kept out of the rates. */
export const DRILL_AUTOMATED_REASONS = ['head', 'prefetch', 'scanner_agent', 'before_delivery', 'too_fast', 'burst'] as const;
export type DrillAutomatedReason = (typeof DRILL_AUTOMATED_REASONS)[number];

/** The placeholder a template's body must hold: where the tracked link goes. */
export const DRILL_LINK_PLACEHOLDER = '{{link}}';

export const DrillMailInput = z
  .object({
    senderName: Str().trim().min(1).max(100),
    subject: Str().trim().min(1).max(200),
    /** plain text; `{{link}}` (required) is replaced by the tracked link, `{{name}}` by the recipient's name */
    body: Str().trim().min(1).max(5000),
  })
  .strict();

export const DrillTemplateInput = z
  .object({
    ja: DrillMailInput,
    en: DrillMailInput,
    /** a harmless text file attached to the mail (it holds the tracked link); null: no attachment */
    attachmentName: Str()
      .trim()
      .regex(/^[^\\/:*?"<>|]{1,80}\.txt$/u)
      .nullable()
      .default(null),
  })
  .strict();

export const DrillTargetInput = z
  .object({
    /** the unit whose subtree is targeted; null: the whole group */
    unitId: z.uuid().nullable(),
    /** null: everyone in the subtree */
    roleGroup: z.enum(DRILL_ROLE_GROUPS).nullable().default(null),
  })
  .strict();

export const CreateDrillBody = z
  .object({
    name: Str().trim().min(1).max(200),
    windowStart: DateTimeInput(),
    /** the mails are spread evenly over this many hours from the start */
    windowHours: z.number().int().min(1).max(72),
    /** append a "report this mail" link to every mail */
    reportLink: z.boolean().default(true),
    templates: z.array(DrillTemplateInput).min(1).max(5),
    targets: z.array(DrillTargetInput).min(1).max(50),
  })
  .strict();
export type CreateDrillBody = z.input<typeof CreateDrillBody>;

export const DrillMail = z.object({ senderName: z.string(), subject: z.string(), body: z.string() });
export const DrillTemplate = z.object({
  id: z.uuid(),
  position: z.number().int(),
  ja: DrillMail,
  en: DrillMail,
  attachmentName: z.string().nullable(),
});
export const DrillTarget = z.object({
  unitId: z.uuid().nullable(),
  unitNameJa: z.string().nullable(),
  unitNameEn: z.string().nullable(),
  roleGroup: z.enum(DRILL_ROLE_GROUPS).nullable(),
});

export const DrillSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(DRILL_STATUSES),
  fiscalYear: z.number().int(),
  windowStart: z.string(),
  windowHours: z.number().int(),
  recipients: z.number().int(),
  sent: z.number().int(),
  rowVersion: z.number().int(),
});
export type DrillSummary = z.infer<typeof DrillSummary>;

export const Drill = DrillSummary.extend({
  reportLink: z.boolean(),
  templates: z.array(DrillTemplate),
  targets: z.array(DrillTarget),
  createdAt: z.string(),
  queuedAt: z.string().nullable(),
});
export type Drill = z.infer<typeof Drill>;

export const DrillListQuery = ListQuery.extend({ fiscalYear: z.coerce.number().int().min(2000).max(2200).optional() }).strict();

export const DrillPreview = z.object({
  recipients: z.number().int(),
  byRoleGroup: z.record(z.enum(DRILL_ROLE_GROUPS), z.number().int()),
  /** the first template rendered for a sample recipient, in both languages */
  sample: z.object({ ja: DrillMail, en: DrillMail }),
});
export type DrillPreview = z.infer<typeof DrillPreview>;

/** One row of aggregate results. `key` is a unit id, a role group, a template id, or `others` (merged small groups). */
export const DrillResultRow = z.object({
  key: z.string(),
  labelJa: z.string(),
  labelEn: z.string(),
  recipients: z.number().int(),
  delivered: z.number().int(),
  opened: z.number().int(),
  clicked: z.number().int(),
  reported: z.number().int(),
  /** minutes from the first delivery to the first report in the group; null: nobody reported */
  firstReportMinutes: z.number().nullable(),
});
export type DrillResultRow = z.infer<typeof DrillResultRow>;

export const DRILL_RESULT_DIMENSIONS = ['unit', 'role', 'template'] as const;
export const DrillResultsQuery = z
  .object({
    by: z.enum(DRILL_RESULT_DIMENSIONS).default('unit'),
    /** by unit: the rows are this unit's children (default: the top of the reader's scope) */
    unitId: z.uuid().optional(),
  })
  .strict();

export const DrillResults = z.object({
  drillId: z.uuid(),
  total: DrillResultRow,
  rows: z.array(DrillResultRow),
  /** automated hits kept out of the rates, per reason */
  filtered: z.record(z.string(), z.number().int()),
  /** groups of fewer people than this are merged into `others` */
  minGroup: z.number().int(),
});
export type DrillResults = z.infer<typeof DrillResults>;

export const DrillTrendRow = z.object({
  drillId: z.uuid(),
  name: z.string(),
  fiscalYear: z.number().int(),
  windowStart: z.string(),
  recipients: z.number().int(),
  delivered: z.number().int(),
  opened: z.number().int(),
  clicked: z.number().int(),
  reported: z.number().int(),
  firstReportMinutes: z.number().nullable(),
});
export type DrillTrendRow = z.infer<typeof DrillTrendRow>;

/** One person's result: the security office (drills:manage) only. */
export const DrillRecipient = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  nameJa: z.string(),
  nameEn: z.string(),
  email: z.string(),
  unitNameJa: z.string(),
  unitNameEn: z.string(),
  roleGroup: z.enum(DRILL_ROLE_GROUPS),
  sendAt: z.string(),
  sentAt: z.string().nullable(),
  failed: z.boolean(),
  openedAt: z.string().nullable(),
  clickedAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  automatedHits: z.number().int(),
});
export type DrillRecipient = z.infer<typeof DrillRecipient>;

export const DrillRecipientsQuery = ListQuery.extend({
  status: z.enum(['all', 'clicked', 'reported', 'unsent']).default('all'),
}).strict();

export const DrillExportQuery = z.object({ lang: z.enum(['ja', 'en']).optional() }).strict();

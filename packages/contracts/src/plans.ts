import { z } from 'zod';
import { ROLES } from './access';
import { DayInput, RowVersion, Str } from './common';

/**
 * The yearly activity plan (年間活動計画, issue #12): a plan per fiscal year made of activities; publishing a
 * version cascades one task per activity to every unit in its scope (`/api/plan-tasks`), assigned to the unit's
 * promotion leaders. Activity kinds are data: catalogs/plan-activity-kinds.json.
 */

export const PLAN_ACTIVITY_KINDS = [
  'asset_inventory',
  'risk_assessment',
  'control_self_check',
  'partner_check',
  'education',
  'mail_drill',
  'internal_audit',
  'management_review',
  'other',
] as const;
export const PlanActivityKind = z.enum(PLAN_ACTIVITY_KINDS);
export type PlanActivityKind = z.infer<typeof PlanActivityKind>;

export const PDCA_PHASES = ['plan', 'do', 'check', 'act'] as const;
export const PdcaPhase = z.enum(PDCA_PHASES);

/** How a unit shows an activity done: a file, a comment, nothing, or a campaign of another module. */
export const PLAN_EVIDENCE = ['file', 'comment', 'none', 'linked'] as const;
export const PlanEvidence = z.enum(PLAN_EVIDENCE);
export type PlanEvidence = z.infer<typeof PlanEvidence>;
/**
 * The campaigns of other modules an activity may name. Those of PLAN_LINKED_KINDS complete the units' tasks (the
 * `plans.linked` job asks the module, `linkRef` is the campaign's id); the others are stored only.
 */
export const PLAN_LINK_KINDS = [
  'asset_review',
  'control_status',
  'partner_campaign',
  'training',
  'drill',
  'audit_programme',
] as const;

export type PlanLinkKind = (typeof PLAN_LINK_KINDS)[number];
export const PLAN_LINKED_KINDS = [
  'asset_review',
  'partner_campaign',
  'training',
  'drill',
] as const satisfies readonly PlanLinkKind[];
export type PlanLinkedKind = (typeof PLAN_LINKED_KINDS)[number];
/** How a done task was completed: recorded by the unit (or an office), or by the campaign its activity links. */
export const PLAN_DONE_SOURCES = ['manual', 'linked'] as const;

export const PLAN_UNIT_KINDS = ['company', 'site', 'department', 'section'] as const;
export const PLAN_STATUSES = ['draft', 'published', 'superseded'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export const PLAN_TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const PlanTaskStatus = z.enum(PLAN_TASK_STATUSES);

const Bilingual = z.object({ ja: z.string(), en: z.string() });
const Person = z.object({ id: z.uuid(), name: z.string() }).nullable();
const Text = (max: number) => Str().trim().max(max);

export const PlanActivityInput = z
  .object({
    kind: PlanActivityKind,
    phase: PdcaPhase,
    titleJa: Text(200).min(1),
    titleEn: Text(200).min(1),
    /** first day of the period, when the activity runs over a period; else only the due date */
    startDate: DayInput().nullable().default(null),
    dueDate: DayInput(),
    /** the guide to follow: free text and/or a link (the documents portal will supply them) */
    guide: Text(2000).default(''),
    guideUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2000)]).default(''),
    /** the top units of the subtrees in scope */
    unitRoots: z.array(z.uuid()).min(1).max(200),
    /** which kinds of unit in those subtrees carry a task */
    unitKinds: z.array(z.enum(PLAN_UNIT_KINDS)).min(1).max(4),
    /** the roles the activity applies to (who takes part; the task goes to the unit's promotion leaders) */
    roles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
    evidence: PlanEvidence,
    linkKind: z.enum(PLAN_LINK_KINDS).nullable().default(null),
    linkRef: Text(200).default(''),
    /** training: the share of the unit's members (percent) who must have passed the course */
    linkThreshold: z.number().int().min(1).max(100).default(100),
  })
  .strict();
export type PlanActivityInput = z.input<typeof PlanActivityInput>;

export const PlanActivity = z.object({
  id: z.uuid(),
  key: z.uuid(),
  position: z.number().int(),
  kind: PlanActivityKind,
  phase: PdcaPhase,
  title: Bilingual,
  startDate: z.string().nullable(),
  dueDate: z.string(),
  guide: z.string(),
  guideUrl: z.string(),
  unitRoots: z.array(z.object({ id: z.uuid(), name: Bilingual, kind: z.string() })),
  unitKinds: z.array(z.enum(PLAN_UNIT_KINDS)),
  roles: z.array(z.enum(ROLES)),
  evidence: PlanEvidence,
  linkKind: z.enum(PLAN_LINK_KINDS).nullable(),
  linkRef: z.string(),
  linkThreshold: z.number().int(),
  /** the linked campaign's name, when the activity links one that exists */
  link: z.object({ id: z.uuid(), name: Bilingual }).nullable(),
});
export type PlanActivity = z.infer<typeof PlanActivity>;

export const PlanSummary = z.object({
  id: z.uuid(),
  fiscalYear: z.number().int(),
  version: z.number().int(),
  status: PlanStatus,
  title: Bilingual,
  rowVersion: RowVersion,
  createdAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
  publishedBy: Person,
  activityCount: z.number().int(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const Plan = PlanSummary.extend({ activities: z.array(PlanActivity) });
export type Plan = z.infer<typeof Plan>;

export const CreatePlanBody = z
  .object({
    fiscalYear: z.number().int().min(2000).max(2100),
    titleJa: Text(200).min(1),
    titleEn: Text(200).min(1),
    /** copy the activities of this year's (or the year before's) published plan, dates shifted to the new year */
    copyFrom: z.uuid().optional(),
  })
  .strict();

export const UpdatePlanBody = z
  .object({
    titleJa: Text(200).min(1).optional(),
    titleEn: Text(200).min(1).optional(),
    activities: z
      .array(PlanActivityInput.extend({ key: z.uuid().optional() }).strict())
      .max(200)
      .optional(),
  })
  .strict();

export const PlanListQuery = z.object({ fiscalYear: z.coerce.number().int().min(2000).max(2100).optional() }).strict();

export const PublishResult = Plan.extend({ tasksCreated: z.number().int(), tasksCancelled: z.number().int() });

export const PlanTask = z.object({
  id: z.uuid(),
  fiscalYear: z.number().int(),
  activity: z.object({
    id: z.uuid(),
    kind: PlanActivityKind,
    phase: PdcaPhase,
    title: Bilingual,
    evidence: PlanEvidence,
    guide: z.string(),
    guideUrl: z.string(),
    startDate: z.string().nullable(),
    linkKind: z.enum(PLAN_LINK_KINDS).nullable(),
  }),
  unit: z.object({ id: z.uuid(), name: Bilingual }),
  dueDate: z.string(),
  status: PlanTaskStatus,
  late: z.boolean(),
  comment: z.string(),
  doneAt: z.iso.datetime().nullable(),
  doneBy: Person,
  /** manual: recorded by a person; linked: the linked campaign reported the unit done */
  doneSource: z.enum(PLAN_DONE_SOURCES).nullable(),
  /** where the campaign shows the unit's result (an app path), when completed from it */
  evidenceHref: z.string().nullable(),
  assignees: z.array(z.object({ id: z.uuid(), name: z.string() })),
  files: z.array(z.object({ id: z.uuid(), name: z.string(), mediaType: z.string(), size: z.number().int() })),
  rowVersion: RowVersion,
});
export type PlanTask = z.infer<typeof PlanTask>;

export const PlanTaskQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: Str().max(200).optional(),
    fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
    unit: z.uuid().optional(),
    mine: z.enum(['1', 'true']).optional(),
    status: PlanTaskStatus.optional(),
    activity: z.uuid().optional(),
  })
  .strict();

export const PlanTaskFileInput = z
  .object({
    name: Text(255).min(1),
    mediaType: Str().max(100),
    /** base64 of the file, at most 10 MB decoded */
    contentBase64: Str().max(14_000_000),
  })
  .strict();

export const CompletePlanTaskBody = z.object({ comment: Text(4000).default(''), file: PlanTaskFileInput.optional() }).strict();
export const ReopenPlanTaskBody = z.object({ reason: Text(2000).min(1) }).strict();

export const ProgressCount = z.object({ total: z.number().int(), done: z.number().int(), late: z.number().int() });
export const PlanProgressQuery = z
  .object({
    fiscalYear: z.coerce.number().int().min(2000).max(2100),
    by: z.enum(['activity', 'site', 'unit', 'month']).default('site'),
    /** only this subtree (a site, for the per-unit drill-down) */
    unit: z.uuid().optional(),
  })
  .strict();
export const PlanProgressRow = ProgressCount.extend({
  key: z.string(),
  name: Bilingual,
  /** by month: the cumulative number of tasks done at the end of the month */
  cumulativeDone: z.number().int().optional(),
});
export const PlanProgress = z.object({
  fiscalYear: z.number().int(),
  by: z.enum(['activity', 'site', 'unit', 'month']),
  totals: ProgressCount,
  rows: z.array(PlanProgressRow),
});
export type PlanProgress = z.infer<typeof PlanProgress>;

export const LateUnitsQuery = z
  .object({
    fiscalYear: z.coerce.number().int().min(2000).max(2100),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export const LateUnit = z.object({
  unit: z.object({ id: z.uuid(), name: Bilingual }),
  site: z.object({ id: z.uuid(), name: Bilingual }).nullable(),
  late: z.number().int(),
  oldestDue: z.string(),
});
export const LateUnits = z.object({ items: z.array(LateUnit) });

/** Campaigns an activity may link: `GET /api/plans/link-targets?kind=` (the editor's picker). */
export const PlanLinkTargetQuery = z.object({ kind: z.enum(PLAN_LINKED_KINDS) }).strict();
export const PlanLinkTarget = z.object({ id: z.uuid(), name: Bilingual, date: z.string().nullable() });
export const PlanLinkTargets = z.object({ items: z.array(PlanLinkTarget) });
export type PlanLinkTarget = z.infer<typeof PlanLinkTarget>;

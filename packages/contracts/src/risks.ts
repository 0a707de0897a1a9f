import { z } from 'zod';
import { DayInput, Language, ListQuery, RowVersion, Str } from './common';

/**
 * Risk assessment (issue #11). The method (setting `risks.method`) is data: a likelihood scale and an impact scale
 * (3–5 levels each), the risk levels with colours, the matrix likelihood × impact → level, and the acceptance
 * threshold. Every assessment keeps the method version it was made with, so a new method never rescales it.
 */
const Text = (max: number) => Str().trim().max(max);
const custom = (code: string, values?: Record<string, string | number>) => ({
  code: 'custom' as const,
  message: code,
  params: { code, ...(values ? { values } : {}) },
});

export const ScaleLevel = z
  .object({
    value: z.number().int().min(1).max(5),
    labelJa: Text(40).min(1),
    labelEn: Text(60).min(1),
    descriptionJa: Text(500).default(''),
    descriptionEn: Text(500).default(''),
  })
  .strict();
export type ScaleLevel = z.infer<typeof ScaleLevel>;

export const LEVEL_CODE = /^[a-z][a-z0-9_]{0,29}$/;
export const RiskLevelDef = z
  .object({
    code: z.string().regex(LEVEL_CODE),
    labelJa: Text(40).min(1),
    labelEn: Text(60).min(1),
    /** background colour of the level's badge and heat-map cells; text is black or white, whichever contrasts more */
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  })
  .strict();
export type RiskLevelDef = z.infer<typeof RiskLevelDef>;

const Scale = z.array(ScaleLevel).min(3).max(5);

export const RiskMethod = z
  .object({
    likelihood: Scale,
    impact: Scale,
    /** from the lowest to the highest */
    levels: z.array(RiskLevelDef).min(2).max(6),
    /** matrix[likelihood - 1][impact - 1] = level code */
    matrix: z
      .array(z.array(z.string().regex(LEVEL_CODE)).min(1).max(5))
      .min(1)
      .max(5),
    /** levels up to and including this one may be accepted by the risk owner */
    acceptUpTo: z.string().regex(LEVEL_CODE),
  })
  .strict()
  .superRefine((m, ctx) => {
    for (const axis of ['likelihood', 'impact'] as const)
      m[axis].forEach((l, i) => {
        if (l.value !== i + 1)
          ctx.addIssue({ ...custom('risks.method_scale_order', { expected: i + 1 }), path: [axis, i, 'value'] });
      });
    const codes = m.levels.map((l) => l.code);
    codes.forEach((c, i) => {
      if (codes.indexOf(c) !== i) ctx.addIssue({ ...custom('risks.method_level_duplicate'), path: ['levels', i, 'code'] });
    });
    if (m.matrix.length !== m.likelihood.length)
      ctx.addIssue({ ...custom('risks.method_matrix_rows', { count: m.likelihood.length }), path: ['matrix'] });
    m.matrix.forEach((row, l) => {
      if (row.length !== m.impact.length)
        ctx.addIssue({ ...custom('risks.method_matrix_columns', { count: m.impact.length }), path: ['matrix', l] });
      row.forEach((code, i) => {
        if (!codes.includes(code)) ctx.addIssue({ ...custom('risks.method_level_unknown'), path: ['matrix', l, i] });
      });
    });
    if (!codes.includes(m.acceptUpTo)) ctx.addIssue({ ...custom('risks.method_level_unknown'), path: ['acceptUpTo'] });
  });
export type RiskMethod = z.infer<typeof RiskMethod>;

/** The method that applies, where it comes from ('group', a company unit id, or 'default') and its version. */
export const RiskMethodSetting = z.object({
  value: RiskMethod,
  scope: z.string(),
  version: z.number().int().min(0),
  updatedAt: z.date().nullable(),
});
export const RiskMethodQuery = z.object({ unitId: z.uuid().optional() }).strict();
export const RiskMethodHistoryEntry = z.object({
  version: z.number().int(),
  value: z.unknown(),
  changedBy: z.string().nullable(),
  changedAt: z.date(),
});

/** The level a (likelihood, impact) pair has under a method; undefined when the values are outside its scales. */
export function levelOf(method: RiskMethod, likelihood: number, impact: number): RiskLevelDef | undefined {
  const code = method.matrix[likelihood - 1]?.[impact - 1];
  return method.levels.find((l) => l.code === code);
}
/** May a risk at this level be accepted under the method? */
export function withinThreshold(method: RiskMethod, levelCode: string): boolean {
  const rank = method.levels.findIndex((l) => l.code === levelCode);
  const limit = method.levels.findIndex((l) => l.code === method.acceptUpTo);
  return rank >= 0 && rank <= limit;
}

// ---------------------------------------------------------------- threats

export const RiskThreatVulnerability = z.object({ ja: z.string(), en: z.string() });
export const RiskThreat = z.object({
  id: z.string(),
  category: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  descriptionJa: z.string(),
  descriptionEn: z.string(),
  vulnerabilities: z.array(RiskThreatVulnerability),
});
export type RiskThreat = z.infer<typeof RiskThreat>;
export const RiskThreatCategory = z.object({ id: z.string(), nameJa: z.string(), nameEn: z.string() });
export const RiskThreatCatalog = z.object({ categories: z.array(RiskThreatCategory), threats: z.array(RiskThreat) });
export type RiskThreatCatalog = z.infer<typeof RiskThreatCatalog>;

// ---------------------------------------------------------------- risks

export const TREATMENTS = ['reduce', 'accept', 'avoid', 'transfer'] as const;
export const Treatment = z.enum(TREATMENTS);
export type Treatment = z.infer<typeof Treatment>;
/** The state of the treatment: planned, under way, done. */
export const RISK_STATUSES = ['planned', 'in_progress', 'done'] as const;
export const RiskStatus = z.enum(RISK_STATUSES);
export type RiskStatus = z.infer<typeof RiskStatus>;

const CatalogId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a catalogue id');
const Score = z.number().int().min(1).max(5);
const ControlId = z.string().regex(/^\d{1,2}\.\d{1,2}$/, 'an Annex A control id such as 5.15');

export const RiskAssessmentFields = {
  title: Text(200).min(1),
  description: Text(5000).default(''),
  assetIds: z.array(z.uuid()).max(50).default([]),
  threatId: CatalogId,
  vulnerability: Text(2000).default(''),
  inherentLikelihood: Score,
  inherentImpact: Score,
  controlIds: z.array(ControlId).max(93).default([]),
  residualLikelihood: Score,
  residualImpact: Score,
  treatment: Treatment,
  plan: Text(5000).default(''),
  ownerId: z.uuid(),
  dueDate: DayInput().nullable().default(null),
  status: RiskStatus.default('planned'),
};

export const CreateRiskBody = z.object({ unitId: z.uuid(), ...RiskAssessmentFields }).strict();
export type CreateRiskBody = z.infer<typeof CreateRiskBody>;
/** Recording a risk on a step of a business flow: the unit is the flow's. */
export const CreateStepRiskBody = z.object(RiskAssessmentFields).strict();
export type CreateStepRiskBody = z.infer<typeof CreateStepRiskBody>;

export const UpdateRiskBody = z
  .object({
    title: RiskAssessmentFields.title,
    description: Text(5000),
    assetIds: z.array(z.uuid()).max(50),
    threatId: CatalogId,
    vulnerability: Text(2000),
    inherentLikelihood: Score,
    inherentImpact: Score,
    controlIds: z.array(ControlId).max(93),
    residualLikelihood: Score,
    residualImpact: Score,
    treatment: Treatment,
    plan: Text(5000),
    ownerId: z.uuid(),
    dueDate: DayInput().nullable(),
    status: RiskStatus,
  })
  .partial()
  .strict();
export type UpdateRiskBody = z.infer<typeof UpdateRiskBody>;

export const LevelRef = z.object({ code: z.string(), labelJa: z.string(), labelEn: z.string(), colour: z.string() });
export type LevelRef = z.infer<typeof LevelRef>;

export const RiskListItem = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  unitId: z.uuid(),
  unitName: z.string(),
  unitNameJa: z.string(),
  title: z.string(),
  threatId: z.string(),
  inherentLevel: LevelRef,
  residualLevel: LevelRef,
  treatment: Treatment,
  status: RiskStatus,
  ownerId: z.uuid(),
  ownerName: z.string(),
  ownerNameJa: z.string(),
  dueDate: z.string().nullable(),
  acceptedAt: z.date().nullable(),
  /** assessed under an older method version than the unit's effective one */
  methodVersion: z.number().int(),
  updatedAt: z.date(),
});
export type RiskListItem = z.infer<typeof RiskListItem>;

export const Risk = RiskListItem.extend({
  description: z.string(),
  assets: z.array(z.object({ id: z.uuid(), name: z.string() })),
  vulnerability: z.string(),
  inherentLikelihood: z.number().int(),
  inherentImpact: z.number().int(),
  controlIds: z.array(z.string()),
  residualLikelihood: z.number().int(),
  residualImpact: z.number().int(),
  plan: z.string(),
  acceptedByName: z.string().nullable(),
  /** the method the assessment was made with (its scales, levels and threshold) */
  method: RiskMethod,
  methodScope: z.string(),
  /** can the residual level be accepted under that method? */
  acceptable: z.boolean(),
  flowId: z.uuid().nullable(),
  flowStepId: z.string().nullable(),
  createdAt: z.date(),
});
export type Risk = z.infer<typeof Risk>;

export const RiskListQuery = ListQuery.extend({
  unitId: z.uuid().optional(),
  level: z.string().regex(LEVEL_CODE).optional(),
  treatment: Treatment.optional(),
  status: z.union([RiskStatus, z.literal('accepted'), z.literal('overdue')]).optional(),
  ownerId: z.uuid().optional(),
  threat: CatalogId.optional(),
  /** one heat-map cell: residual (or inherent, with basis) likelihood and impact */
  basis: z.enum(['inherent', 'residual']).default('residual'),
  likelihood: z.coerce.number().int().min(1).max(5).optional(),
  impact: z.coerce.number().int().min(1).max(5).optional(),
}).strict();
export type RiskListQuery = z.infer<typeof RiskListQuery>;
export const RiskExportQuery = RiskListQuery.omit({ limit: true, cursor: true })
  .extend({ lang: Language.default('ja') })
  .strict();

export const HeatmapQuery = z
  .object({ unitId: z.uuid().optional(), basis: z.enum(['inherent', 'residual']).default('residual') })
  .strict();
export const Heatmap = z.object({
  basis: z.enum(['inherent', 'residual']),
  method: RiskMethod,
  methodScope: z.string(),
  methodVersion: z.number().int(),
  /** risks assessed under the effective method version, per cell */
  cells: z.array(z.object({ likelihood: z.number().int(), impact: z.number().int(), count: z.number().int() })),
  /** risks assessed under another method version: not placed on this grid, counted by the level of their own snapshot */
  otherMethods: z.array(LevelRef.extend({ count: z.number().int() })),
  total: z.number().int(),
});
export type Heatmap = z.infer<typeof Heatmap>;

// ---------------------------------------------------------------- business flows

export const STEP_KINDS = ['receive', 'store', 'use', 'send', 'dispose'] as const;
export const StepKind = z.enum(STEP_KINDS);
export const FlowStepInput = z
  .object({
    /** keep the id of an existing step (its risks stay linked); omit it for a new step */
    id: z.uuid().optional(),
    kind: StepKind,
    description: Text(2000).min(1),
    assetIds: z.array(z.uuid()).max(50).default([]),
  })
  .strict();
export const CreateFlowBody = z
  .object({
    unitId: z.uuid(),
    name: Text(200).min(1),
    description: Text(5000).default(''),
    steps: z.array(FlowStepInput).max(30).default([]),
  })
  .strict();
export type CreateFlowBody = z.infer<typeof CreateFlowBody>;
export const UpdateFlowBody = z
  .object({ name: Text(200).min(1), description: Text(5000), steps: z.array(FlowStepInput).max(30) })
  .partial()
  .strict();
export type UpdateFlowBody = z.infer<typeof UpdateFlowBody>;
export const FlowStepParams = z.object({ id: z.uuid(), stepId: z.uuid() }).strict();

export const FlowStep = z.object({
  id: z.uuid(),
  kind: StepKind,
  description: z.string(),
  assets: z.array(z.object({ id: z.uuid(), name: z.string() })),
  risks: z.array(z.object({ id: z.uuid(), title: z.string(), residualLevel: LevelRef })),
});
export const FlowListItem = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  unitId: z.uuid(),
  unitName: z.string(),
  unitNameJa: z.string(),
  name: z.string(),
  stepCount: z.number().int(),
  updatedAt: z.date(),
});
export const BusinessFlow = FlowListItem.extend({ description: z.string(), steps: z.array(FlowStep), createdAt: z.date() });
export type BusinessFlow = z.infer<typeof BusinessFlow>;
export const FlowListQuery = ListQuery.extend({ unitId: z.uuid().optional() }).strict();

import { z } from 'zod';
import { Str } from './common';
import { STRIDE } from './product-threats';
import { FEASIBILITY_RATINGS, IMPACT_RATINGS, TaraMethodDefinition } from './tara-method';

/**
 * A TARA per item (a product, optionally one release): item definition, assets, damage scenarios, threat scenarios
 * linked to damage scenarios, AND/OR attack trees, and the risks with their treatment (docs/tara.md). Feasibility
 * and risk values are derived from the tree and the method, never typed.
 */
export const CS_PROPERTIES = [
  'confidentiality',
  'integrity',
  'availability',
  'authenticity',
  'authorization',
  'non_repudiation',
] as const;
export const TARA_TREATMENTS = ['avoid', 'reduce', 'share', 'retain'] as const;
export const ATTACK_NODE_KINDS = ['or', 'and', 'leaf'] as const;

const Title = Str().trim().min(1).max(300);
const Long = Str().trim().max(5000).nullable();
const Feasibility = z.enum(FEASIBILITY_RATINGS);
const Impact = z.enum(IMPACT_RATINGS);
/** factor code → level code (a leaf's attack-potential ratings) */
const Ratings = z.record(z.string().max(40), z.string().max(40));
/** Sent by a client that types what the analysis derives: always refused with a field error naming it. */
const Derived = z.unknown().optional().meta({ description: 'derived by Mamori; sending it is refused' });

export const CreateTaraAnalysisBody = z
  .object({
    productId: z.uuid(),
    releaseId: z.uuid().nullable().optional(),
    title: Title,
    /** the approved method version to use; the latest approved one when left out */
    methodVersion: z.number().int().min(1).max(1_000_000).optional(),
    boundary: Long.optional(),
    functions: Long.optional(),
    environment: Long.optional(),
    assumptions: Long.optional(),
    riskOwnerId: z.uuid().nullable().optional(),
  })
  .strict();
export const UpdateTaraAnalysisBody = CreateTaraAnalysisBody.omit({ productId: true, methodVersion: true }).partial().strict();

export const TaraAnalysisSummary = z.object({
  id: z.uuid(),
  rowVersion: z.number().int(),
  productId: z.uuid(),
  releaseId: z.uuid().nullable(),
  title: z.string(),
  methodVersion: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export const TaraAnalysisListItem = TaraAnalysisSummary.extend({
  productCode: z.string(),
  productNameJa: z.string(),
  productNameEn: z.string(),
  /** an open review event (docs/tara.md, "After release"): the analysis must be looked at again */
  needsReview: z.boolean(),
});
/** One product's analyses; without productId, the latest 200 analyses of every product in the reader's scope. */
export const TaraAnalysisListQuery = z.object({ productId: z.uuid().optional() }).strict();

export const TaraAssetBody = z
  .object({ name: Title, description: Long.optional(), properties: z.array(z.enum(CS_PROPERTIES)).min(1).max(6) })
  .strict();
export const TaraAsset = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  properties: z.array(z.enum(CS_PROPERTIES)),
});

export const TaraDamageBody = z
  .object({
    title: Title,
    description: Long.optional(),
    /** impact category code → rating; categories must be the method's */
    impacts: z.record(z.string().max(40), Impact),
  })
  .strict();
export const TaraDamage = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  impacts: z.record(z.string(), Impact),
  /** the highest rating over the categories; null when none is rated */
  impact: Impact.nullable(),
});

export const TaraThreatBody = z
  .object({
    title: Title,
    assetId: z.uuid(),
    property: z.enum(CS_PROPERTIES),
    cause: Long.optional(),
    stride: z.enum(STRIDE).nullable().optional(),
    damageIds: z.array(z.uuid()).max(100),
    /** the UN R155 Annex 5 Part A threats this scenario covers (e.g. `4.1`) */
    r155Threats: z
      .array(z.string().regex(/^\d{1,2}\.\d{1,2}$/))
      .max(20)
      .optional(),
    feasibility: Derived,
  })
  .strict();
export const TaraThreat = z.object({
  id: z.uuid(),
  title: z.string(),
  assetId: z.uuid(),
  property: z.enum(CS_PROPERTIES),
  cause: z.string().nullable(),
  stride: z.enum(STRIDE).nullable(),
  damageIds: z.array(z.uuid()),
  r155Threats: z.array(z.string()),
  /** from its attack tree (roots combined as OR); null without a rated tree */
  feasibility: Feasibility.nullable(),
  attackPotential: z.number().int().nullable(),
});

export const TaraNodeBody = z
  .object({
    threatId: z.uuid(),
    parentId: z.uuid().nullable().optional(),
    kind: z.enum(ATTACK_NODE_KINDS),
    title: Title,
    ratings: Ratings.nullable().optional(),
    feasibility: Derived,
    attackPotential: Derived,
  })
  .strict();
export const UpdateTaraNodeBody = TaraNodeBody.omit({ threatId: true }).partial().strict();
export const TaraNode = z.object({
  id: z.uuid(),
  threatId: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: z.enum(ATTACK_NODE_KINDS),
  title: z.string(),
  position: z.number().int(),
  ratings: z.record(z.string(), z.string()).nullable(),
  attackPotential: z.number().int().nullable(),
  feasibility: Feasibility.nullable(),
});

export const TaraTreatmentBody = z
  .object({
    treatment: z.enum(TARA_TREATMENTS),
    /** reduce: the cybersecurity goal; share/retain: the claim */
    statement: Str().trim().min(1).max(2000),
    /** cybersecurity assurance level, for a goal */
    cal: z.number().int().min(1).max(4).nullable().optional(),
    rationale: Long.optional(),
    /** the risk value expected after the measures; one of the method's values */
    residualValue: z.number().int().min(0).max(100).nullable().optional(),
    value: Derived,
  })
  .strict();
export const TaraRisk = z.object({
  threatId: z.uuid(),
  damageId: z.uuid(),
  impact: Impact.nullable(),
  feasibility: Feasibility.nullable(),
  /** from the method's matrix; null while the impact or the feasibility is not rated */
  value: z.number().int().nullable(),
  requiresTreatment: z.boolean(),
  treatment: z.enum(TARA_TREATMENTS).nullable(),
  statement: z.string().nullable(),
  cal: z.number().int().nullable(),
  rationale: z.string().nullable(),
  residualValue: z.number().int().nullable(),
  signedBy: z.string().nullable(),
  signedAt: z.iso.datetime().nullable(),
});

export const TaraAnalysis = TaraAnalysisSummary.extend({
  productCode: z.string(),
  productNameJa: z.string(),
  productNameEn: z.string(),
  releaseVersion: z.string().nullable(),
  boundary: z.string().nullable(),
  functions: z.string().nullable(),
  environment: z.string().nullable(),
  assumptions: z.string().nullable(),
  riskOwner: z.object({ id: z.uuid(), email: z.string(), name: z.string() }).nullable(),
  method: TaraMethodDefinition,
  assets: z.array(TaraAsset),
  damageScenarios: z.array(TaraDamage),
  threatScenarios: z.array(TaraThreat),
  attackNodes: z.array(TaraNode),
  risks: z.array(TaraRisk),
  /** UN R155 Annex 5 threats the analysis rules out, with the reason */
  r155NotApplicable: z.array(z.object({ code: z.string(), reason: z.string() })),
});
export type TaraAnalysis = z.infer<typeof TaraAnalysis>;

export const TaraChildParams = z.object({ id: z.uuid(), cid: z.uuid() }).strict();
export const TaraRiskParams = z.object({ id: z.uuid(), threatId: z.uuid(), damageId: z.uuid() }).strict();
export const TaraRerateQuery = z.object({ version: z.coerce.number().int().min(1).max(1_000_000) }).strict();
export const TaraRerateBody = z.object({ version: z.number().int().min(1).max(1_000_000) }).strict();
const Rated = z.object({ impact: Impact.nullable(), feasibility: Feasibility.nullable(), value: z.number().int().nullable() });
export const TaraRerate = z.object({
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  applied: z.boolean(),
  /** the risks whose impact, feasibility or value differs under the other version */
  moved: z.array(z.object({ threatId: z.uuid(), damageId: z.uuid(), before: Rated, after: Rated })),
  /** leaf ratings or damage impacts the other version does not know (they count as unrated there) */
  unmapped: z.array(z.object({ kind: z.enum(['leaf', 'damage']), id: z.uuid(), codes: z.array(z.string()) })),
});

/** After release: why an analysis was flagged for review (a vulnerability case found the product affected, or a person). */
export const TARA_REVIEW_SOURCES = ['vulnerability', 'manual'] as const;
export const TaraReview = z.object({
  id: z.uuid(),
  source: z.enum(TARA_REVIEW_SOURCES),
  vulnerabilityId: z.uuid().nullable(),
  reference: z.string(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  resolution: z.string().nullable(),
  reassessedThreatIds: z.array(z.uuid()),
});
export const TaraReviews = z.object({ needsReview: z.boolean(), items: z.array(TaraReview) });
export type TaraReviews = z.infer<typeof TaraReviews>;
export const FlagTaraReviewBody = z
  .object({ reference: Str().trim().min(1).max(200), note: Str().trim().max(2000).optional() })
  .strict();
export const ResolveTaraReviewBody = z
  .object({
    resolution: Str().trim().min(1).max(5000),
    /** the threat scenarios re-assessed for this event (may be none: "not affected by the threat model") */
    reassessedThreatIds: z.array(z.uuid()).max(500).default([]),
  })
  .strict();
export const TaraReviewParams = z.object({ id: z.uuid(), reviewId: z.uuid() }).strict();

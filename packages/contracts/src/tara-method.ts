import { z } from 'zod';
import { Str } from './common';

/**
 * ISO/SAE 21434 TARA method as data (issue #21): the impact categories with their guidance, the attack-potential
 * factor tables and the sum → feasibility bands, the risk matrix and the treatment threshold. The group's
 * product-security department keeps it in versions; an approved version never changes (docs/tara.md).
 */

/** Impact ratings, from the least to the most severe. */
export const IMPACT_RATINGS = ['negligible', 'moderate', 'major', 'severe'] as const;
export type ImpactRating = (typeof IMPACT_RATINGS)[number];
/** Attack-feasibility ratings, from the least to the most feasible (the columns of the risk matrix). */
export const FEASIBILITY_RATINGS = ['very_low', 'low', 'medium', 'high'] as const;
export type FeasibilityRating = (typeof FEASIBILITY_RATINGS)[number];
export const TARA_METHOD_STATUSES = ['draft', 'approved'] as const;

const Code = Str().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _ (up to 40)');
const Name = Str().trim().min(1).max(200);
const Guidance = z.object({ ja: Str().trim().min(1).max(2000), en: Str().trim().min(1).max(2000) }).strict();

export const TaraImpactCategory = z
  .object({
    code: Code,
    nameJa: Name,
    nameEn: Name,
    /** what each rating means for this category, in both languages */
    guidance: z.object({ severe: Guidance, major: Guidance, moderate: Guidance, negligible: Guidance }).strict(),
  })
  .strict();

export const TaraFactorLevel = z
  .object({ code: Code, nameJa: Name, nameEn: Name, value: z.number().int().min(0).max(100) })
  .strict();
export const TaraFactor = z
  .object({ code: Code, nameJa: Name, nameEn: Name, levels: z.array(TaraFactorLevel).min(2).max(12) })
  .strict();

/** The lowest attack-potential sum of each feasibility rating (high starts at 0; a higher sum is harder). */
export const TaraFeasibilityBands = z
  .object({
    high: z.literal(0),
    medium: z.number().int().min(1).max(1000),
    low: z.number().int().min(1).max(1000),
    very_low: z.number().int().min(1).max(1000),
  })
  .strict();

const MatrixRow = z.tuple([
  z.number().int().min(1).max(5),
  z.number().int().min(1).max(5),
  z.number().int().min(1).max(5),
  z.number().int().min(1).max(5),
]);
/** Risk value (1–5) per impact rating, one cell per feasibility rating from very low to high. */
export const TaraRiskMatrix = z
  .object({ severe: MatrixRow, major: MatrixRow, moderate: MatrixRow, negligible: MatrixRow })
  .strict();

export const TaraMethodDefinition = z
  .object({
    impactCategories: z.array(TaraImpactCategory).min(1).max(20),
    feasibility: z
      .object({
        /** attack potential is the approach implemented; CVSS- and attack-vector-based ones are to come */
        approach: z.literal('attack_potential'),
        factors: z.array(TaraFactor).min(1).max(10),
        bands: TaraFeasibilityBands,
      })
      .strict(),
    riskMatrix: TaraRiskMatrix,
    /** a risk value at or above this needs a treatment other than retain, or a claim with its rationale */
    treatmentThreshold: z.number().int().min(1).max(5),
  })
  .strict();
export type TaraMethodDefinition = z.infer<typeof TaraMethodDefinition>;

export const TaraMethod = z.object({
  id: z.uuid(),
  rowVersion: z.number().int(),
  version: z.number().int(),
  status: z.enum(TARA_METHOD_STATUSES),
  basedOnVersion: z.number().int().nullable(),
  note: z.string().nullable(),
  definition: TaraMethodDefinition,
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  approvedBy: z.string().nullable(),
  approvedAt: z.iso.datetime().nullable(),
});
export type TaraMethod = z.infer<typeof TaraMethod>;
export const TaraMethodSummary = TaraMethod.omit({ definition: true });

export const TaraMethodParams = z.object({ version: z.coerce.number().int().min(1).max(1_000_000) }).strict();
export const CreateTaraMethodBody = z
  .object({
    /** the version this one starts from */
    basedOnVersion: z.number().int().min(1).max(1_000_000),
    /** the changed definition; without it the new version is a copy to change later */
    definition: TaraMethodDefinition.optional(),
    note: Str().trim().max(2000).optional(),
  })
  .strict();
export const UpdateTaraMethodBody = z
  .object({ definition: TaraMethodDefinition.optional(), note: Str().trim().max(2000).nullable().optional() })
  .strict();

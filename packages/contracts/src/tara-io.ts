import { z } from 'zod';
import { Str } from './common';
import { STRIDE } from './product-threats';
import { ATTACK_NODE_KINDS, CS_PROPERTIES, TARA_TREATMENTS } from './tara-analysis';
import { FEASIBILITY_RATINGS, IMPACT_RATINGS, TaraMethodDefinition } from './tara-method';

/**
 * TARA exchange (export/import) and the UN R155 Annex 5 catalogue with its coverage check (docs/tara.md).
 */

/** An Annex 5 Part A threat is named by its number in the regulation, e.g. `4.1` or `12.3`. */
export const R155ThreatCode = z.string().regex(/^\d{1,2}\.\d{1,2}$/);
const Text = z.object({ ja: z.string(), en: z.string() });

export const R155Catalog = z.object({
  source: z.string(),
  categories: z.array(z.object({ code: z.string(), title: Text })),
  threats: z.array(
    z.object({
      code: z.string(),
      category: z.string(),
      group: z.string(),
      groupTitle: Text,
      title: Text,
      mitigations: z.array(z.string()),
    }),
  ),
  mitigations: z.array(z.object({ code: z.string(), part: z.enum(['B', 'C']), text: Text })),
});
export type R155Catalog = z.infer<typeof R155Catalog>;

export const R155_STATUSES = ['considered', 'not_applicable', 'open'] as const;
export const TaraR155Coverage = z.object({
  counts: z.object({
    total: z.number().int(),
    considered: z.number().int(),
    notApplicable: z.number().int(),
    open: z.number().int(),
  }),
  items: z.array(
    z.object({
      code: z.string(),
      category: z.string(),
      status: z.enum(R155_STATUSES),
      /** the threat scenarios that reference this Annex 5 threat */
      threatIds: z.array(z.uuid()),
      /** why the analysis rules it out (status not_applicable) */
      reason: z.string().nullable(),
    }),
  ),
});
export type TaraR155Coverage = z.infer<typeof TaraR155Coverage>;

export const TaraR155Params = z.object({ id: z.uuid(), code: R155ThreatCode }).strict();
export const TaraR155ExclusionBody = z.object({ reason: Str().trim().min(1).max(2000) }).strict();

export const TARA_EXPORT_FORMATS = ['json', 'xlsx', 'pdf'] as const;
export const TaraExportQuery = z.object({ format: z.enum(TARA_EXPORT_FORMATS), lang: z.enum(['ja', 'en']).optional() }).strict();

/** The exchange format's identifier; a reader refuses any other. */
export const TARA_EXCHANGE_FORMAT = 'mamori-tara/1';

const Ref = z.string().min(1).max(100);
const Title = Str().trim().min(1).max(300);
const Long = Str().trim().max(5000).nullable();
const Ratings = z.record(z.string().max(40), z.string().max(40));
const MAX = { assets: 2000, damages: 5000, threats: 5000, nodes: 20000 };

/**
 * `mamori-tara/1`: one analysis with every typed work product; items refer to each other by `ref` (unique per
 * kind). `derived` values are written for readers and ignored on import (Mamori derives them again).
 * Siblings of an attack tree are listed in their order. JSON Schema: docs/tara-exchange.schema.json.
 */
export const TaraExchange = z
  .object({
    format: z.literal(TARA_EXCHANGE_FORMAT),
    exportedAt: z.iso.datetime().optional(),
    analysis: z
      .object({
        title: Title,
        product: z.object({ code: z.string().max(100), nameJa: z.string().max(300), nameEn: z.string().max(300) }).optional(),
        release: z.string().max(100).nullable().optional(),
        methodVersion: z.number().int().min(1).optional(),
        boundary: Long,
        functions: Long,
        environment: Long,
        assumptions: Long,
      })
      .strict(),
    method: TaraMethodDefinition.optional(),
    assets: z
      .array(
        z.object({ ref: Ref, name: Title, description: Long, properties: z.array(z.enum(CS_PROPERTIES)).min(1).max(6) }).strict(),
      )
      .max(MAX.assets),
    damageScenarios: z
      .array(
        z
          .object({
            ref: Ref,
            title: Title,
            description: Long,
            impacts: z.record(z.string().max(40), z.enum(IMPACT_RATINGS)),
            derived: z.object({ impact: z.enum(IMPACT_RATINGS).nullable() }).optional(),
          })
          .strict(),
      )
      .max(MAX.damages),
    threatScenarios: z
      .array(
        z
          .object({
            ref: Ref,
            title: Title,
            asset: Ref,
            property: z.enum(CS_PROPERTIES),
            cause: Long,
            stride: z.enum(STRIDE).nullable(),
            damages: z.array(Ref).max(100),
            r155Threats: z.array(R155ThreatCode).max(20).default([]),
            derived: z
              .object({ feasibility: z.enum(FEASIBILITY_RATINGS).nullable(), attackPotential: z.number().int().nullable() })
              .optional(),
          })
          .strict(),
      )
      .max(MAX.threats),
    attackNodes: z
      .array(
        z
          .object({
            ref: Ref,
            threat: Ref,
            parent: Ref.nullable(),
            kind: z.enum(ATTACK_NODE_KINDS),
            title: Title,
            ratings: Ratings.nullable(),
            derived: z
              .object({ feasibility: z.enum(FEASIBILITY_RATINGS).nullable(), attackPotential: z.number().int().nullable() })
              .optional(),
          })
          .strict(),
      )
      .max(MAX.nodes),
    risks: z
      .array(
        z
          .object({
            threat: Ref,
            damage: Ref,
            treatment: z.enum(TARA_TREATMENTS),
            statement: Str().trim().min(1).max(2000),
            cal: z.number().int().min(1).max(4).nullable(),
            rationale: Long,
            residualValue: z.number().int().min(0).max(100).nullable(),
            derived: z
              .object({
                impact: z.enum(IMPACT_RATINGS).nullable(),
                feasibility: z.enum(FEASIBILITY_RATINGS).nullable(),
                value: z.number().int().nullable(),
              })
              .optional(),
          })
          .strict(),
      )
      .max(MAX.threats * 10),
    r155NotApplicable: z
      .array(z.object({ code: R155ThreatCode, reason: Str().trim().min(1).max(2000) }).strict())
      .max(200)
      .default([]),
  })
  .strict();
export type TaraExchange = z.infer<typeof TaraExchange>;

/** Import a `mamori-tara/1` document as a new analysis of a product (validated in full first; all or nothing). */
export const TaraImportBody = z
  .object({
    productId: z.uuid(),
    releaseId: z.uuid().nullable().optional(),
    /** replaces the document's title */
    title: Title.optional(),
    /** the approved method version to rate with; the latest approved one when left out */
    methodVersion: z.number().int().min(1).max(1_000_000).optional(),
    /** checked in full by the server; errors name their JSON pointer (/document/…) */
    document: z.record(z.string(), z.unknown()),
  })
  .strict();

/** Import the workbook the XLSX export writes (either language) as a new analysis; errors name sheet and cell. */
export const TaraImportXlsxBody = TaraImportBody.omit({ document: true })
  .extend({
    file: z.object({ mediaType: z.string().max(200), contentBase64: z.string().max(8 * 1024 * 1024) }).strict(),
  })
  .strict();

import { z } from 'zod';
import { ListQuery } from './common';

/** Product lifecycle stages, each closed by a stage gate (threat analysis review). */
export const LIFECYCLE_STAGES = ['plan', 'design', 'implement', 'verify', 'operate', 'end_of_support'] as const;
export const LifecycleStage = z.enum(LIFECYCLE_STAGES);

export const RELEASE_STATUSES = ['planned', 'shipped', 'withdrawn'] as const;

const Code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,60}$/, 'letters, digits, . _ - (1–60)');
const Name = z.string().trim().min(1).max(200);

export const Product = z.object({
  id: z.uuid(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  productLine: z.string().nullable(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  stage: LifecycleStage,
  updatedAt: z.iso.datetime(),
});
export type Product = z.infer<typeof Product>;

export const Release = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  version: z.string(),
  status: z.enum(RELEASE_STATUSES),
  releasedOn: z.iso.date().nullable(),
  sbomFormat: z.string().nullable(),
  sbomImportedAt: z.iso.datetime().nullable(),
  componentCount: z.number().int(),
});
export type Release = z.infer<typeof Release>;

export const ProductDetail = Product.extend({ releases: z.array(Release) });

export const CreateProductBody = z
  .object({
    code: Code,
    nameJa: Name,
    nameEn: Name,
    productLine: z.string().trim().min(1).max(200).nullable().optional(),
    orgUnitId: z.uuid(),
    stage: LifecycleStage.default('plan'),
  })
  .strict();
export const UpdateProductBody = CreateProductBody.partial().strict();

export const ProductListQuery = ListQuery.extend({
  stage: LifecycleStage.optional(),
  productLine: z.string().trim().max(200).optional(),
  orgUnitId: z.uuid().optional(),
}).strict();

export const CreateReleaseBody = z
  .object({
    version: z.string().trim().min(1).max(100),
    status: z.enum(RELEASE_STATUSES).default('planned'),
    releasedOn: z.iso.date().nullable().optional(),
  })
  .strict();

export const ReleaseParams = z.object({ id: z.uuid(), rid: z.uuid() }).strict();

export const SBOM_FORMATS = ['cyclonedx-json', 'cyclonedx-xml', 'spdx-json'] as const;
export const SbomImportResult = z.object({
  format: z.enum(SBOM_FORMATS),
  specVersion: z.string(),
  components: z.number().int(),
  licences: z.array(z.object({ licence: z.string(), components: z.number().int() })),
  warnings: z.array(z.string()),
});

export const Component = z.object({
  name: z.string(),
  version: z.string().nullable(),
  purl: z.string().nullable(),
  type: z.string().nullable(),
  licences: z.array(z.string()),
});

export const ComponentListQuery = z
  .object({
    name: z.string().trim().min(1).max(300),
    version: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();

/** Where a component ships: one row per release that contains it. */
export const ComponentUse = Component.extend({
  productId: z.uuid(),
  productCode: z.string(),
  productNameEn: z.string(),
  releaseId: z.uuid(),
  releaseVersion: z.string(),
});

export const ReleaseLicences = z.object({
  items: z.array(z.object({ licence: z.string(), components: z.number().int() })),
});

export const ReleaseComponentsQuery = ListQuery.strict();

import { z } from 'zod';
import { DayInput, ListQuery, RowVersion, Str } from './common';

/** Product lifecycle stages, each closed by a stage gate (threat analysis review). */
export const LIFECYCLE_STAGES = ['plan', 'design', 'implement', 'verify', 'operate', 'end_of_support'] as const;
export const LifecycleStage = z.enum(LIFECYCLE_STAGES);

/** Findings above the product's gate severity block shipping. */
const GateSeverity = z.enum(['low', 'medium', 'high', 'critical']);

export const RELEASE_STATUSES = ['planned', 'shipped', 'withdrawn'] as const;

const Code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,60}$/, 'letters, digits, . _ - (1–60)');
const Name = Str().trim().min(1).max(200);

/**
 * EU Cyber Resilience Act attributes of a product (issue 17). The CRA category decides the conformity assessment
 * (annex III important class I / II, annex IV critical); the member state of the manufacturer's main establishment
 * names the CSIRT that coordinates its reports (art. 14(7)). ISO 3166-1 alpha-2 codes (Greece is GR, not EL).
 */
export const CRA_CATEGORIES = ['default', 'important_class_1', 'important_class_2', 'critical'] as const;
export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const; // prettier-ignore
export type EuMemberState = (typeof EU_MEMBER_STATES)[number];
export const EuMemberState = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v): v is EuMemberState => (EU_MEMBER_STATES as readonly string[]).includes(v), {
    message: 'an EU member state as an ISO 3166-1 alpha-2 code (DE, FR, GR…)',
    params: { code: 'products.not_eu_member_state' },
  });

export const Product = z.object({
  rowVersion: RowVersion,
  id: z.uuid(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  productLine: z.string().nullable(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  orgUnitNameJa: z.string(),
  stage: LifecycleStage,
  /** findings above this severity block shipping unless fixed or risk-accepted */
  shipGateSeverity: GateSeverity,
  /** CRA: whether the product is a product with digital elements in the regulation's scope */
  craInScope: z.boolean(),
  /** CRA: placed on the EU market since (null: not on the EU market) */
  euMarketSince: z.iso.date().nullable(),
  craCategory: z.enum(CRA_CATEGORIES),
  /** CRA: the end of the support period the manufacturer declared */
  supportPeriodEnd: z.iso.date().nullable(),
  /** CRA: the member state of the manufacturer's main establishment (its CSIRT coordinates reports) */
  mainEstablishment: z.string().nullable(),
  /** CRA: the member states where the product is made available (the reports name them) */
  euMarkets: z.array(z.string()),
  updatedAt: z.iso.datetime(),
});
export type Product = z.infer<typeof Product>;

export const Release = z.object({
  rowVersion: RowVersion,
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

const ProductFields = z
  .object({
    code: Code,
    nameJa: Name,
    nameEn: Name,
    productLine: Str().trim().min(1).max(200).nullable().optional(),
    orgUnitId: z.uuid(),
    stage: LifecycleStage,
    shipGateSeverity: GateSeverity,
    craInScope: z.boolean(),
    euMarketSince: DayInput().nullable(),
    craCategory: z.enum(CRA_CATEGORIES),
    supportPeriodEnd: DayInput().nullable(),
    mainEstablishment: EuMemberState.nullable(),
    euMarkets: z.array(EuMemberState).max(EU_MEMBER_STATES.length),
  })
  .strict();
export const CreateProductBody = ProductFields.extend({
  stage: LifecycleStage.default('plan'),
  shipGateSeverity: GateSeverity.default('medium'),
  craInScope: z.boolean().default(false),
  euMarketSince: DayInput().nullable().default(null),
  craCategory: z.enum(CRA_CATEGORIES).default('default'),
  supportPeriodEnd: DayInput().nullable().default(null),
  mainEstablishment: EuMemberState.nullable().default(null),
  euMarkets: z.array(EuMemberState).max(EU_MEMBER_STATES.length).default([]),
}).strict();
/** No defaults here: a PATCH changes only what it names. */
export const UpdateProductBody = ProductFields.partial().strict();

export const ProductListQuery = ListQuery.extend({
  stage: LifecycleStage.optional(),
  productLine: Str().trim().max(200).optional(),
  orgUnitId: z.uuid().optional(),
}).strict();

export const CreateReleaseBody = z
  .object({
    version: Str().trim().min(1).max(100),
    status: z.enum(RELEASE_STATUSES).default('planned'),
    releasedOn: DayInput().nullable().optional(),
  })
  .strict();

export const ReleaseParams = z.object({ id: z.uuid(), rid: z.uuid() }).strict();

/** A document without components replaces the release's list only when this is `true` (a deliberate emptying). */
export const SbomImportQuery = z
  .object({
    replaceWithEmpty: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe(
        "The document lists no components (a VEX, a BOM of services only): replace the release's components with nothing. Without it such a document is refused with 422 empty-sbom.",
      ),
  })
  .strict();

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
    name: Str()
      .trim()
      .min(1)
      .max(300)
      .describe(
        "A package name in its ecosystem's spelling (Composer vendor/name or vendor:name, Maven group:artifact, npm @scope/name, PyPI in any PEP 503 spelling, case-insensitive), or a purl (pkg:type/namespace/name[@version]).",
      ),
    version: Str()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'The exact version, case-insensitive, with or without a leading v (v7.30.6 = 7.30.6); a purl may carry it instead.',
      ),
    below: Str()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe(
        "Only versions before this one (the first fixed version), by the component's ecosystem's version order (npm/Go SemVer, Maven, PEP 440, Debian, Composer, NuGet; generic otherwise): 2.0.0-rc1 is before 2.0.0.",
      ),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: Str().max(500).optional(),
  })
  .strict();

/** Where a component ships: one row per release that contains it. */
export const ComponentUse = Component.extend({
  productId: z.uuid(),
  productCode: z.string(),
  productNameJa: z.string(),
  productNameEn: z.string(),
  releaseId: z.uuid(),
  releaseVersion: z.string(),
});

export const ReleaseLicences = z.object({
  items: z.array(z.object({ licence: z.string(), components: z.number().int() })),
});

/** A release's components, by name; `q` matches the name or the purl. */
export const ReleaseComponentsQuery = ListQuery.strict();
export const ReleaseComponent = Component.extend({ id: z.uuid() });

/** The product lines in use, with how many products (inside the reader's scope) each has. */
export const ProductLines = z.object({
  items: z.array(z.object({ productLine: z.string(), products: z.number().int() })),
});

/** Pre-shipment security tests and the ship gate. */
export const TEST_KINDS = ['black_box', 'fuzzing', 'penetration', 'static_analysis'] as const;
export const FINDING_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const FINDING_STATUSES = ['open', 'fixed', 'risk_accepted', 'false_positive'] as const;

export const Finding = z.object({
  id: z.uuid(),
  testRunId: z.uuid(),
  title: z.string(),
  severity: z.enum(FINDING_SEVERITIES),
  status: z.enum(FINDING_STATUSES),
  acceptedBy: z.string().nullable(),
  acceptanceReason: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});
export const TestRun = z.object({
  id: z.uuid(),
  releaseId: z.uuid(),
  kind: z.enum(TEST_KINDS),
  performedOn: z.iso.date(),
  summary: z.string().nullable(),
  findings: z.array(Finding),
});
export const CreateTestRunBody = z
  .object({
    kind: z.enum(TEST_KINDS),
    performedOn: DayInput(),
    summary: Str().trim().max(5000).optional(),
    findings: z
      .array(z.object({ title: Str().trim().min(1).max(300), severity: z.enum(FINDING_SEVERITIES) }).strict())
      .max(1000)
      .default([]),
  })
  .strict();
export const UpdateFindingBody = z
  .object({
    status: z.enum(FINDING_STATUSES),
    /** required for risk_accepted: the caller is recorded as the named approver */
    acceptanceReason: Str().trim().min(1).max(2000).optional(),
  })
  .strict()
  .refine((b) => b.status !== 'risk_accepted' || b.acceptanceReason, {
    message: 'risk_accepted needs an acceptanceReason',
    path: ['acceptanceReason'],
  });
export const FindingParams = z.object({ id: z.uuid(), rid: z.uuid(), fid: z.uuid() }).strict();
export const UpdateReleaseBody = z
  .object({
    /** a shipped release keeps its version (advisories and SBOM lookups name it) */
    version: Str().trim().min(1).max(100),
    status: z.enum(RELEASE_STATUSES),
    releasedOn: DayInput().nullable(),
  })
  .partial()
  .strict();

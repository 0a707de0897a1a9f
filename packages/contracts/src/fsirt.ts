import { z } from 'zod';
import { RowVersion } from './common';

/**
 * FSIRT (issue #23, seed 004): incidents on factory systems and production equipment. A case of the incident type
 * `ot_incident` records its production impact against the factory (kind `ot`) system concerned; supplier advisories
 * (CSAF 2.0) are matched against factory systems by product name and version.
 */
export const FSIRT_INCIDENT_TYPE = 'ot_incident';

const Ref = z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() });

export const ProductionImpact = z.object({
  /** the incident's id: one impact per case */
  id: z.uuid(),
  rowVersion: RowVersion,
  system: z.object({ id: z.uuid(), name: z.string(), productionLine: z.string(), unit: Ref }),
  /** the production line as it was when recorded (the system's line may change later) */
  productionLine: z.string(),
  lineStopped: z.boolean(),
  /** hours the line stood still (so far, while it is still stopped); 0 when it did not stop */
  stoppedHours: z.number(),
  note: z.string(),
  recordedAt: z.iso.datetime(),
});
export type ProductionImpact = z.infer<typeof ProductionImpact>;

export const ProductionImpactBody = z
  .object({
    systemId: z.uuid(),
    lineStopped: z.boolean(),
    /** quarter hours, at most a year */
    stoppedHours: z.number().min(0).max(8760).multipleOf(0.25).default(0),
    note: z.string().trim().max(2000).default(''),
  })
  .strict();
export type ProductionImpactBody = z.infer<typeof ProductionImpactBody>;

export const ADVISORY_PRODUCT_STATUSES = ['affected', 'fixed', 'not_affected', 'under_investigation'] as const;

/** A factory system that a supplier advisory names, by product name and version. */
export const OtAdvisoryMatch = z.object({
  system: z.object({ id: z.uuid(), name: z.string(), productionLine: z.string(), unit: Ref }),
  product: z.string(),
  version: z.string(),
  status: z.enum(ADVISORY_PRODUCT_STATUSES),
  cves: z.array(z.string()),
});
export const OtAdvisoryMatches = z.object({
  advisory: z.object({ id: z.string(), title: z.string(), publisher: z.string() }),
  /** product/version pairs the advisory names (what was looked for) */
  products: z.array(z.object({ product: z.string(), version: z.string() })),
  matches: z.array(OtAdvisoryMatch),
});
export type OtAdvisoryMatches = z.infer<typeof OtAdvisoryMatches>;

import { z } from 'zod';
import { ListQuery, Str } from './common';

/**
 * Suppliers' advisories (issues #17 and #23): CSAF 2.0 security advisories and VEX documents of the suppliers whose
 * components we ship and whose products we run, kept in every version, matched against SBOM components (purl, CPE,
 * name and version range) and systems (supplier product and version). A match is a suggested case for the PSIRT
 * (components) or the FSIRT/offices (systems) to accept or dismiss with a reason.
 */
export const SUPPLIER_STATUSES = ['affected', 'fixed', 'not_affected', 'under_investigation'] as const;
export const SUPPLIER_MATCH_STATES = ['suggested', 'accepted', 'dismissed', 'resolved'] as const;
export const SUPPLIER_MATCH_KINDS = ['component', 'system'] as const;

export const SupplierAdvisorySummary = z.object({
  id: z.uuid(),
  publisherName: z.string(),
  trackingId: z.string(),
  version: z.string(),
  title: z.string(),
  /** csaf_security_advisory, csaf_vex, … */
  category: z.string(),
  trackingStatus: z.string(),
  currentReleaseAt: z.iso.datetime(),
  importedAt: z.iso.datetime(),
  source: z.enum(['upload', 'provider']),
  cves: z.array(z.string()),
  /** suggestions of this advisory still waiting for a decision, in the reader's scope */
  openMatches: z.number().int(),
});
export type SupplierAdvisorySummary = z.infer<typeof SupplierAdvisorySummary>;

export const SupplierProduct = z.object({
  productId: z.string(),
  fullName: z.string(),
  vendor: z.string(),
  product: z.string(),
  version: z.string().nullable(),
  range: z.string().nullable(),
  purl: z.string().nullable(),
  cpe: z.string().nullable(),
});

export const SupplierVulnerability = z.object({
  cve: z.string().nullable(),
  title: z.string(),
  statuses: z.array(z.object({ productId: z.string(), status: z.enum(SUPPLIER_STATUSES), justification: z.string().nullable() })),
  remediations: z.array(
    z.object({ category: z.string(), details: z.string(), url: z.string().nullable(), productIds: z.array(z.string()) }),
  ),
  /** every score the supplier gives (CVSS 2.0, 3.0, 3.1), as given: read-only supplier scores */
  scores: z.array(
    z.object({
      productIds: z.array(z.string()),
      cvssVersion: z.string(),
      vector: z.string(),
      baseScore: z.number().nullable(),
      baseSeverity: z.string().nullable(),
    }),
  ),
});

export const SupplierMatch = z.object({
  id: z.uuid(),
  advisory: z.object({ id: z.uuid(), trackingId: z.string(), version: z.string(), title: z.string(), publisherName: z.string() }),
  kind: z.enum(SUPPLIER_MATCH_KINDS),
  /** the component's or the system's supplier product name and version */
  name: z.string(),
  version: z.string(),
  product: z
    .object({
      id: z.uuid(),
      code: z.string(),
      nameJa: z.string(),
      nameEn: z.string(),
      releaseId: z.uuid(),
      releaseVersion: z.string(),
    })
    .nullable(),
  system: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  supplierStatus: z.enum(SUPPLIER_STATUSES),
  supplierProducts: z.array(z.object({ productId: z.string(), by: z.string() })),
  cves: z.array(z.string()),
  remediation: z.string(),
  state: z.enum(SUPPLIER_MATCH_STATES),
  /** the dismissal's reason, or a code why it resolved (supplier_fixed, supplier_not_affected, supplier_not_named) */
  reason: z.string(),
  /** the vulnerability cases an accepted component match opened or joined */
  vulnerabilityIds: z.array(z.uuid()),
  decidedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SupplierMatch = z.infer<typeof SupplierMatch>;

export const SupplierAdvisoryDetail = SupplierAdvisorySummary.extend({
  publisherNamespace: z.string(),
  versions: z.array(
    z.object({
      id: z.uuid(),
      version: z.string(),
      currentReleaseAt: z.iso.datetime(),
      importedAt: z.iso.datetime(),
      latest: z.boolean(),
    }),
  ),
  products: z.array(SupplierProduct),
  vulnerabilities: z.array(SupplierVulnerability),
  matches: z.array(SupplierMatch),
});
export type SupplierAdvisoryDetail = z.infer<typeof SupplierAdvisoryDetail>;

export const SupplierImportResult = z.object({
  /** imported: a new version (the latest, matched); older: a new version older than the latest (kept, not matched); unchanged: this version was already here */
  outcome: z.enum(['imported', 'older', 'unchanged']),
  advisory: SupplierAdvisorySummary,
  matches: z.object({ suggested: z.number().int(), updated: z.number().int(), resolved: z.number().int() }),
});
export type SupplierImportResult = z.infer<typeof SupplierImportResult>;

/** `POST /api/supplier-advisories/rematch`: every advisory is matched again by a job, queued now. */
export const SupplierRematchQueued = z.object({ queuedAt: z.iso.datetime() });
export type SupplierRematchQueued = z.infer<typeof SupplierRematchQueued>;

export const SupplierAdvisoryListQuery = ListQuery.extend({});

export const SupplierMatchListQuery = ListQuery.extend({
  state: z.enum(SUPPLIER_MATCH_STATES).optional(),
  kind: z.enum(SUPPLIER_MATCH_KINDS).optional(),
});

export const DismissSupplierMatchBody = z.object({ reason: Str().trim().min(1).max(2000) }).strict();

export const SupplierProviderBody = z
  .object({
    name: Str().trim().min(1).max(200),
    /** the provider's provider-metadata.json (https, or http for a provider on the local network) */
    metadataUrl: z.url({ protocol: /^https?$/ }).max(2000),
  })
  .strict();

export const SupplierProvider = z.object({
  id: z.uuid(),
  name: z.string(),
  metadataUrl: z.string(),
  enabled: z.boolean(),
  lastFetchedAt: z.iso.datetime().nullable(),
  lastOutcome: z.object({ code: z.string(), imported: z.number(), skipped: z.number(), rejected: z.number() }).nullable(),
});
export type SupplierProvider = z.infer<typeof SupplierProvider>;

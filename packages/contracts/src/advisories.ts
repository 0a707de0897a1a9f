import { z } from 'zod';
import { Str } from './common';
import { PRODUCT_STATUSES, CVSS_SEVERITIES, VEX_JUSTIFICATIONS } from './vulnerabilities';

/** Publishing is a deliberate step: the texts go public as given, with a revision note. */
export const PublishAdvisoryBody = z
  .object({
    titleJa: Str().trim().min(1).max(300),
    titleEn: Str().trim().min(1).max(300),
    summaryJa: Str().trim().min(1).max(20_000),
    summaryEn: Str().trim().min(1).max(20_000),
    revisionSummary: Str().trim().min(1).max(500).default('Initial public release'),
    /** the revision note in Japanese, for the Japanese CSAF translation (without it, that document repeats revisionSummary) */
    revisionSummaryJa: Str().trim().min(1).max(500).optional(),
  })
  .strict();

const PublicCvss = z.object({ vector: z.string(), score: z.number(), severity: z.enum(CVSS_SEVERITIES) });

/** What an advisory publishes: a snapshot taken at publishing; later edits of the case stay private. */
export const AdvisoryDocument = z.object({
  trackingId: z.string(),
  revision: z.number().int(),
  revisions: z.array(
    z.object({ number: z.number().int(), date: z.iso.datetime(), summary: z.string(), summaryJa: z.string().optional() }),
  ),
  initialReleaseDate: z.iso.datetime(),
  currentReleaseDate: z.iso.datetime(),
  titleJa: z.string(),
  titleEn: z.string(),
  summaryJa: z.string(),
  summaryEn: z.string(),
  cveId: z.string().nullable(),
  cwe: z.object({ id: z.string(), name: z.string() }).nullable(),
  cvss31: PublicCvss.nullable(),
  cvss40: PublicCvss.nullable(),
  products: z.array(
    z.object({
      code: z.string(),
      nameJa: z.string(),
      nameEn: z.string(),
      status: z.enum(PRODUCT_STATUSES),
      justification: z.enum(VEX_JUSTIFICATIONS).nullable(),
      versions: z.array(z.string()),
      affectedVersions: z.string().nullable(),
      fixedVersion: z.string().nullable(),
      remediation: z.string().nullable(),
    }),
  ),
});
export type AdvisoryDocument = z.infer<typeof AdvisoryDocument>;

export const AdvisorySummary = z.object({
  id: z.uuid(),
  trackingId: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  cveId: z.string().nullable(),
  severity: z.enum(CVSS_SEVERITIES).nullable(),
  initialReleaseDate: z.iso.datetime(),
  currentReleaseDate: z.iso.datetime(),
});
export const Advisory = AdvisorySummary.extend({ document: AdvisoryDocument });

export const AdvisoryListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: Str().max(500).optional(),
  })
  .strict();

/** Import of existing CSAF 2.0 advisories and CVE JSON 5 records: each file becomes a (disclosed) case. */
export const AdvisoryImportBody = z
  .object({
    files: z
      .array(z.object({ name: Str().trim().min(1).max(300), document: z.unknown() }).strict())
      .min(1)
      .max(200),
  })
  .strict();
export const AdvisoryImportReport = z.object({
  files: z.array(
    z.object({
      name: z.string(),
      outcome: z.enum(['imported', 'skipped', 'rejected']),
      kind: z.enum(['csaf', 'cve']).nullable(),
      vulnerabilityId: z.uuid().nullable(),
      messages: z.array(z.string()),
    }),
  ),
});

/**
 * What publishing would make public now (nothing is stored): the snapshot, and what the CSAF 2.0 validator
 * would refuse in its documents (publishing is refused while `problems` is not empty).
 */
export const AdvisoryPreview = z.object({
  document: AdvisoryDocument,
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});

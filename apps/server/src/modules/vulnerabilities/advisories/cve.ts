import type { AdvisoryDocument } from '@mamori/contracts';
import { createHash } from 'node:crypto';

export interface Cna {
  /** the CNA's organisation id at the CVE Program (MAMORI_CNA_ORG_ID) */
  orgId: string | undefined;
  vendor: string;
  publicUrl: string;
}

/**
 * Without a configured CNA org id: a stable UUID derived from the public URL. It carries the version-4
 * layout because the CVE record format accepts only version 4 UUIDs (`uuidType`) for org ids.
 */
export function fallbackOrgId(publicUrl: string): string {
  const h = createHash('sha1').update(`mamori:${publicUrl}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const upper = (s: string) => s.toUpperCase();

/** Affected versions: a product-level entry; with a fixed version, `version 0 lessThan fixed` (CVE 5 semantics). */
function affectedOf(doc: AdvisoryDocument, vendor: string) {
  return doc.products.map((p) => {
    const entry = { vendor, product: p.nameEn };
    if (p.status === 'affected' && p.fixedVersion)
      return {
        ...entry,
        defaultStatus: 'unaffected',
        versions: [{ version: '0', lessThan: p.fixedVersion, status: 'affected', versionType: 'custom' }],
      };
    if (p.status === 'affected') return { ...entry, defaultStatus: 'affected' };
    if (p.status === 'under_investigation') return { ...entry, defaultStatus: 'unknown' };
    return { ...entry, defaultStatus: 'unaffected' };
  });
}

/** The advisory as a CVE JSON 5.1 record (a CNA published container); null when the case has no CVE id. */
export function buildCveRecord(doc: AdvisoryDocument, cna: Cna) {
  if (!doc.cveId) return null;
  const orgId = cna.orgId ?? fallbackOrgId(cna.publicUrl);
  const base = cna.publicUrl.replace(/\/$/, '');
  const metrics = [
    ...(doc.cvss31
      ? [
          {
            format: 'CVSS',
            scenarios: [{ lang: 'en', value: 'GENERAL' }],
            cvssV3_1: {
              version: '3.1',
              vectorString: doc.cvss31.vector,
              baseScore: doc.cvss31.score,
              baseSeverity: upper(doc.cvss31.severity),
            },
          },
        ]
      : []),
    ...(doc.cvss40
      ? [
          {
            format: 'CVSS',
            scenarios: [{ lang: 'en', value: 'GENERAL' }],
            cvssV4_0: {
              version: '4.0',
              vectorString: doc.cvss40.vector,
              baseScore: doc.cvss40.score,
              baseSeverity: upper(doc.cvss40.severity),
            },
          },
        ]
      : []),
  ];
  return {
    dataType: 'CVE_RECORD',
    dataVersion: '5.1',
    cveMetadata: {
      cveId: doc.cveId,
      assignerOrgId: orgId,
      state: 'PUBLISHED',
      datePublished: doc.initialReleaseDate,
      dateUpdated: doc.currentReleaseDate,
    },
    containers: {
      cna: {
        providerMetadata: { orgId, dateUpdated: doc.currentReleaseDate },
        title: doc.titleEn.slice(0, 256),
        descriptions: [
          { lang: 'en', value: doc.summaryEn },
          { lang: 'ja', value: doc.summaryJa },
        ],
        affected: affectedOf(doc, cna.vendor),
        ...(doc.cwe
          ? {
              problemTypes: [
                { descriptions: [{ lang: 'en', type: 'CWE', cweId: doc.cwe.id, description: `${doc.cwe.id} ${doc.cwe.name}` }] },
              ],
            }
          : {}),
        ...(metrics.length ? { metrics } : {}),
        references: [{ url: `${base}/advisories/${doc.trackingId}`, tags: ['vendor-advisory'] }],
        datePublic: doc.initialReleaseDate,
      },
    },
  };
}

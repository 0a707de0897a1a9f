import type { AdvisoryDocument } from '@mamori/contracts';
import { describe, expect, it } from 'vitest';
import { buildCsaf } from './csaf';

const doc = (versions: string[], fixedVersion: string): AdvisoryDocument => ({
  trackingId: 'MAMORI-SA-2026-0009',
  revision: 1,
  revisions: [{ number: 1, date: '2026-01-01T00:00:00.000Z', summary: 'Initial' }],
  initialReleaseDate: '2026-01-01T00:00:00.000Z',
  currentReleaseDate: '2026-01-01T00:00:00.000Z',
  titleJa: 't',
  titleEn: 't',
  summaryJa: 's',
  summaryEn: 's',
  cveId: null,
  cwe: null,
  cvss31: null,
  cvss40: null,
  products: [
    {
      code: 'CAM',
      nameJa: 'Cam',
      nameEn: 'Cam',
      status: 'affected',
      justification: null,
      versions,
      affectedVersions: null,
      fixedVersion,
      remediation: null,
    },
  ],
});

type Csaf = {
  product_tree: { branches: { branches: { branches: { name: string }[] }[] }[] };
  vulnerabilities: { product_status: Record<string, string[]>; remediations: { product_ids: string[] }[] }[];
};

describe('CSAF fixed and affected versions', () => {
  it('lists a pre-release of the fixed version as affected, not fixed (2.0.0-rc1 < 2.0.0)', () => {
    const csaf = buildCsaf(
      doc(['2.0.1', '2.0.0', '2.0.0-rc1', '1.10', '1.9'], '2.0.0'),
      {
        name: 'Mamori PSIRT',
        namespace: 'https://psirt.example.test',
      },
      'csaf_security_advisory',
    ) as unknown as Csaf;
    const [v] = csaf.vulnerabilities;
    expect(v!.product_status.fixed).toEqual(['CAM:2.0.0', 'CAM:2.0.1']);
    expect(v!.product_status.known_affected).toEqual(['CAM:1.9', 'CAM:1.10', 'CAM:2.0.0-rc1']);
    expect(v!.remediations[0]!.product_ids).toEqual(['CAM:1.9', 'CAM:1.10', 'CAM:2.0.0-rc1']);
    const names = csaf.product_tree.branches[0]!.branches[0]!.branches.map((b) => b.name);
    expect(names).toEqual(['1.9', '1.10', '2.0.0-rc1', '2.0.0', '2.0.1']);
  });
});

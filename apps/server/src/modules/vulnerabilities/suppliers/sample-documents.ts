/**
 * Suppliers' CSAF 2.0 documents in the shape of the OASIS examples (our own fictional suppliers and products), for
 * the tests and the demo: a library maker's and a PLC maker's security advisory in two versions, and a VEX.
 */
type Obj = Record<string, unknown>;

const revisions = (version: number, day: (n: number) => string) =>
  Array.from({ length: version }, (_, i) => ({
    date: day(i),
    number: String(i + 1),
    summary: i === 0 ? 'Initial release' : 'Affected versions corrected',
  }));

function documentOf(category: string, title: string, publisher: Obj, id: string, version: number, at: Date): Obj {
  const day = (n: number) => new Date(at.getTime() + n * 86_400_000).toISOString();
  return {
    category,
    csaf_version: '2.0',
    title,
    publisher,
    tracking: {
      id,
      status: 'final',
      version: String(version),
      initial_release_date: day(0),
      current_release_date: day(version - 1),
      revision_history: revisions(version, day),
    },
  };
}

const LIBS = { category: 'vendor', name: 'Hoshi Libraries', namespace: 'https://libs.hoshi.example' };
const PLC = { category: 'vendor', name: 'Example PLC Works', namespace: 'https://plc.example' };
const note = (text: string) => [{ category: 'description', text, title: 'Vulnerability description' }];

/**
 * HOSHI-SA-2026-001: fastjson-lite (npm) from 1.0.0 before 1.4.2 parses deeply nested input without bound
 * (CVE-2026-50001), fixed in 1.4.2; OpenSSL 3.0.7 as bundled in Hoshi's SDK, named by CPE (CVE-2026-50002, CVSS 3.1
 * and 2.0 scores). Version 2 narrows the range: 1.3.0 is said fixed (a back-ported fix).
 */
export function libraryAdvisory(version: 1 | 2 = 1, at = new Date('2026-11-02T00:00:00.000Z')): Obj {
  const range = version === 1 ? 'vers:npm/>=1.0.0|<1.4.2' : 'vers:npm/>=1.0.0|<1.3.0';
  const fixed = version === 1 ? ['LIB-142'] : ['LIB-130', 'LIB-142'];
  const versions = [
    ...(version === 2
      ? [
          {
            category: 'product_version',
            name: '1.3.0',
            product: {
              product_id: 'LIB-130',
              name: 'fastjson-lite 1.3.0',
              product_identification_helper: { purl: 'pkg:npm/fastjson-lite@1.3.0' },
            },
          },
        ]
      : []),
    {
      category: 'product_version',
      name: '1.4.2',
      product: {
        product_id: 'LIB-142',
        name: 'fastjson-lite 1.4.2',
        product_identification_helper: { purl: 'pkg:npm/fastjson-lite@1.4.2' },
      },
    },
  ];
  return {
    document: documentOf(
      'csaf_security_advisory',
      'fastjson-lite and Hoshi SDK: unbounded nesting, OpenSSL update',
      LIBS,
      'HOSHI-SA-2026-001',
      version,
      at,
    ),
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'Hoshi Libraries',
          branches: [
            {
              category: 'product_name',
              name: 'fastjson-lite',
              branches: [
                {
                  category: 'product_version_range',
                  name: range,
                  product: {
                    product_id: 'LIB-R',
                    name: `fastjson-lite ${range}`,
                    product_identification_helper: { purl: 'pkg:npm/fastjson-lite' },
                  },
                },
                ...versions,
              ],
            },
            {
              category: 'product_name',
              name: 'Hoshi SDK OpenSSL',
              branches: [
                {
                  category: 'product_version',
                  name: '3.0.7',
                  product: {
                    product_id: 'SSL-307',
                    name: 'OpenSSL 3.0.7 (Hoshi SDK)',
                    product_identification_helper: { cpe: 'cpe:2.3:a:openssl:openssl:3.0.7:*:*:*:*:*:*:*' },
                  },
                },
              ],
            },
          ],
        },
      ],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2026-50001',
        title: 'Unbounded nesting in fastjson-lite',
        notes: note('A deeply nested document exhausts the stack of the parser.'),
        product_status: { known_affected: ['LIB-R'], fixed },
        remediations: [
          {
            category: 'vendor_fix',
            details: 'Update fastjson-lite to 1.4.2.',
            product_ids: ['LIB-R'],
            url: 'https://libs.hoshi.example/fastjson-lite/1.4.2',
          },
        ],
      },
      {
        cve: 'CVE-2026-50002',
        title: 'OpenSSL in Hoshi SDK',
        notes: note('The bundled OpenSSL has a known flaw; the SDK update ships a fixed OpenSSL.'),
        product_status: { known_affected: ['SSL-307'] },
        remediations: [
          { category: 'vendor_fix', details: 'Update the Hoshi SDK to 5.2 (OpenSSL 3.0.8).', product_ids: ['SSL-307'] },
        ],
        scores: [
          {
            products: ['SSL-307'],
            cvss_v3: {
              version: '3.1',
              vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
              baseScore: 9.8,
              baseSeverity: 'CRITICAL',
            },
            cvss_v2: { version: '2.0', vectorString: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', baseScore: 7.5 },
          },
        ],
      },
    ],
  };
}

/**
 * EPW-2026-011: the KX-R PLC CPU before 1.30 (a range written the supplier's own way, `<1.30`) reboots on crafted
 * packets (CVE-2026-50010); 1.30 fixed.
 */
export function plcAdvisory(at = new Date('2026-11-10T00:00:00.000Z')): Obj {
  return {
    document: documentOf('csaf_security_advisory', 'KX-R PLC CPU: reboot on crafted packets', PLC, 'EPW-2026-011', 1, at),
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'Example PLC Works',
          branches: [
            {
              category: 'product_name',
              name: 'KX-R PLC CPU',
              branches: [
                {
                  category: 'product_version_range',
                  name: '<1.30',
                  product: { product_id: 'CPU-OLD', name: 'KX-R PLC CPU before 1.30' },
                },
                { category: 'product_version', name: '1.30', product: { product_id: 'CPU-130', name: 'KX-R PLC CPU 1.30' } },
              ],
            },
          ],
        },
      ],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2026-50010',
        title: 'Reboot on crafted packets',
        notes: note('A crafted packet to the CPU module makes it reboot; the production line stops.'),
        product_status: { known_affected: ['CPU-OLD'], fixed: ['CPU-130'] },
        remediations: [
          { category: 'vendor_fix', details: 'Update the CPU firmware to 1.30.', product_ids: ['CPU-OLD'] },
          { category: 'workaround', details: 'Block port 5007 at the cell firewall.', product_ids: ['CPU-OLD'] },
        ],
      },
    ],
  };
}

/**
 * HOSHI-VEX-2026-002: a VEX on zlib-tiny (npm): versions 2.0.0 up to 2.1.0 affected by CVE-2026-50020, except 2.0.5,
 * whose vulnerable code is not present — the exact version's `known_not_affected` suppresses the range's match.
 */
export function libraryVex(at = new Date('2026-11-20T00:00:00.000Z')): Obj {
  const leaf = (id: string, name: string, purl: string) => ({ product_id: id, name, product_identification_helper: { purl } });
  return {
    document: documentOf('csaf_vex', 'zlib-tiny: VEX for CVE-2026-50020', LIBS, 'HOSHI-VEX-2026-002', 1, at),
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'Hoshi Libraries',
          branches: [
            {
              category: 'product_name',
              name: 'zlib-tiny',
              branches: [
                {
                  category: 'product_version_range',
                  name: 'vers:npm/>=2.0.0|<2.1.0',
                  product: leaf('Z-R', 'zlib-tiny 2.0.x', 'pkg:npm/zlib-tiny'),
                },
                {
                  category: 'product_version',
                  name: '2.0.5',
                  product: leaf('Z-205', 'zlib-tiny 2.0.5', 'pkg:npm/zlib-tiny@2.0.5'),
                },
              ],
            },
          ],
        },
      ],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2026-50020',
        notes: note('Inflating a crafted stream writes past a buffer.'),
        product_status: { known_affected: ['Z-R'], known_not_affected: ['Z-205'] },
        flags: [{ label: 'vulnerable_code_not_present', product_ids: ['Z-205'] }],
        remediations: [{ category: 'vendor_fix', details: 'Update zlib-tiny to 2.1.0.', product_ids: ['Z-R'] }],
      },
    ],
  };
}

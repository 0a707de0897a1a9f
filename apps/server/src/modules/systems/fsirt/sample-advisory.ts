/**
 * A small supplier advisory in CSAF 2.0 (a fictional PLC maker): the cell controller's CPU 1.21 affected and 1.30
 * fixed, the SCADA software under investigation for every version. Used by the tests, the demo and the e2e scenario.
 */
export const supplierAdvisory = () => ({
  document: {
    category: 'csaf_security_advisory',
    csaf_version: '2.0',
    title: 'KX-R PLC CPU: denial of service through crafted packets',
    publisher: { category: 'vendor', name: 'Example PLC Works', namespace: 'https://plc.example' },
    tracking: {
      id: 'EPW-2026-007',
      status: 'final',
      version: '1',
      initial_release_date: '2026-10-01T00:00:00.000Z',
      current_release_date: '2026-10-01T00:00:00.000Z',
      revision_history: [{ date: '2026-10-01T00:00:00.000Z', number: '1', summary: 'First release' }],
    },
  },
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
              { category: 'product_version', name: '1.21', product: { product_id: 'CPU-121', name: 'KX-R PLC CPU 1.21' } },
              { category: 'product_version', name: '1.30', product: { product_id: 'CPU-130', name: 'KX-R PLC CPU 1.30' } },
            ],
          },
          { category: 'product_name', name: 'Mirai SCADA View', product: { product_id: 'SCADA', name: 'Mirai SCADA View' } },
        ],
      },
    ],
  },
  vulnerabilities: [
    { cve: 'CVE-2026-40000', product_status: { known_affected: ['CPU-121'], fixed: ['CPU-130'] } },
    { cve: 'CVE-2026-41001', product_status: { under_investigation: ['SCADA'] } },
  ],
});

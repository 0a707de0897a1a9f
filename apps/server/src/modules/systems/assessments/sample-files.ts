/** Sample files for the tests and the demo: an OpenVAS report, a SARIF log and a KEV catalogue, built from a few results. */
export interface VasResult {
  host: string;
  port: string;
  oid: string;
  name: string;
  severity: number;
  cves?: string[];
  cwe?: string;
  threat?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function openvasReport(results: VasResult[]): string {
  const body = results
    .map(
      (r) => `
      <result id="r-${esc(r.oid)}-${esc(r.port)}">
        <name>${esc(r.name)}</name>
        <host>${esc(r.host)}<asset asset_id="a1"/><hostname></hostname></host>
        <port>${esc(r.port)}</port>
        <nvt oid="${esc(r.oid)}">
          <type>nvt</type><name>${esc(r.name)}</name><family>General</family><cvss_base>${r.severity}</cvss_base>
          <refs>${(r.cves ?? []).map((c) => `<ref type="cve" id="${c}"/>`).join('')}${r.cwe ? `<ref type="cwe" id="${r.cwe}"/>` : ''}<ref type="url" id="https://example.com/advisory"/></refs>
        </nvt>
        <threat>${r.threat ?? (r.severity >= 7 ? 'High' : r.severity >= 4 ? 'Medium' : 'Low')}</threat>
        <severity>${r.severity}</severity>
        <qod><value>80</value></qod>
        <description>Found by the test scanner</description>
      </result>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<report id="rep-1" format_id="a994b278-1f62-11e1-96ac-406186ea4fc5" extension="xml" content_type="text/xml">
  <owner><name>scanner</name></owner>
  <report id="rep-1">
    <scan_run_status>Done</scan_run_status>
    <results start="1" max="${results.length}">${body}
    </results>
  </report>
</report>`;
}

export function sarifLog(results: { ruleId: string; uri: string; line?: number; level?: string; text?: string }[]): string {
  return JSON.stringify({
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'ZAP', rules: results.map((r) => ({ id: r.ruleId })) } },
        results: results.map((r) => ({
          ruleId: r.ruleId,
          level: r.level ?? 'warning',
          message: { text: r.text ?? `Issue ${r.ruleId}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: r.uri }, region: { startLine: r.line ?? 1 } } }],
        })),
      },
    ],
  });
}

export const kevCatalog = (cves: string[]) =>
  JSON.stringify({
    title: 'CISA Catalog of Known Exploited Vulnerabilities',
    catalogVersion: '2026.12.01',
    dateReleased: '2026-12-01T12:00:00.000Z',
    count: cves.length,
    vulnerabilities: cves.map((cveID) => ({
      cveID,
      vendorProject: 'Vendor',
      product: 'Product',
      vulnerabilityName: 'Test vulnerability',
      dateAdded: '2026-11-01',
      knownRansomwareCampaignUse: 'Unknown',
    })),
  });

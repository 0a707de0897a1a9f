/**
 * Systems (issue #23), through the web app on the demo group: the demo's EDR import shows coverage gaps on the systems
 * page; a unit asks to use a cloud service and the security office approves it for 社外秘 (internal) on a phone
 * (390 px wide); the approved register then lists it for everyone. A scanner report (SARIF, built here) is imported
 * twice through the assessment page: the second run closes one finding and reopens one the scanner had reported
 * before. The FSIRT member of the Nagoya plant sees the demo's factory case with its production impact.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { signInWithApi } from './demo-session';
import { roleHolders } from './holders';
import { useOwnServer } from './own-server';

useOwnServer('systems', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

describe('systems scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  const office = 'kaori.matsumoto@hoshizora.example';
  let csrf = '';
  let reviewId = '';

  const signIn = async (page: Page, email: string) => {
    csrf = await signInWithApi(page, email);
  };

  test('the systems page shows the coverage gaps of the demo EDR import', async () => {
    await signIn(b.page, office);
    await b.page.getByTestId('nav-systems').click();
    await poll(pathname).toBe('/systems');
    await b.page.getByTestId('system-row').first().waitFor();
    const findings = await pageFetch<{ items: { kind: string }[] }>(b.page, '/api/system-findings?kind=no_edr');
    expect(findings.body.items.length).toBeGreaterThan(0);
    await b.page.locator('label', { hasText: 'With gaps' }).click();
    await b.page.getByTestId('system-link').first().click();
    await poll(pathname).toMatch(/^\/systems\/[0-9a-f-]{36}$/);
    await poll(() => b.page.getByTestId('system-name').isVisible()).toBe(true);
    const xlsx = await pageFetch(b.page, '/api/systems/export.xlsx?lang=ja&kind=ot');
    expect(xlsx.status).toBe(200);
    expect(xlsx.contentType).toContain('spreadsheetml');
  });

  test('a unit asks to use a cloud service', async () => {
    const systems = await pageFetch<{ items: { unit: { id: string } }[] }>(b.page, '/api/systems?limit=1');
    const res = await pageFetch<{ id: string }>(b.page, '/api/service-reviews', {
      method: 'POST',
      csrfToken: csrf,
      body: {
        unitId: systems.body.items[0]!.unit.id,
        serviceName: 'DiagramSpace',
        providerName: 'DiagramSpace Inc.',
        purpose: 'Draw network diagrams together',
        classCode: 'confidential',
        personalData: false,
        storageCountry: 'JP',
        certifications: ['iso27001'],
        ssoMfa: true,
        encryption: true,
        logs: true,
        answers: [{ code: 'sso-mfa', answer: 'yes' }],
      },
    });
    expect(res.status).toBe(201);
    reviewId = res.body.id;
  });

  test('the security office approves it for internal use on a phone, and the register lists it', async () => {
    await b.page.setViewportSize({ width: 390, height: 844 });
    await b.page.goto('/service-reviews');
    await b.page.locator(`a[href="/service-reviews/${reviewId}"]`).click();
    await poll(pathname).toBe(`/service-reviews/${reviewId}`);
    await b.page.getByTestId('approved-class').fill('internal');
    await b.page.getByTestId('reasons').fill('SSO with our IdP; ISO/IEC 27001 certified');
    await b.page.getByTestId('decide-submit').click();
    await poll(() => b.page.getByTestId('review-status').first().textContent()).toBe('Approved');
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const register = await pageFetch<{ items: { serviceName: string; maxClassCode: string }[] }>(
      b.page,
      '/api/approved-services?q=DiagramSpace',
    );
    expect(register.body.items).toMatchObject([{ serviceName: 'DiagramSpace', maxClassCode: 'internal' }]);
    await b.page.goto('/approved-services');
    await poll(() => b.page.getByTestId('approved-service').filter({ hasText: 'DiagramSpace' }).count()).toBe(1);
  });

  test('a scanner report imported twice: the second run closes one finding and reopens another', async () => {
    await b.page.setViewportSize({ width: 1280, height: 900 });
    const host = 'e2e-portal.hoshizora.example';
    const sarif = (rules: string[]) => ({
      version: '2.1.0',
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      runs: [
        {
          tool: { driver: { name: 'ZAP', rules: rules.map((id) => ({ id })) } },
          results: rules.map((ruleId) => ({
            ruleId,
            level: 'error',
            message: { text: `${ruleId} on the login page` },
            locations: [{ physicalLocation: { artifactLocation: { uri: `https://${host}/login` }, region: { startLine: 1 } } }],
          })),
        },
      ],
    });
    const systems = await pageFetch<{ items: { id: string; unit: { id: string } }[] }>(b.page, '/api/systems?kind=iaas&limit=1');
    const target = systems.body.items[0]!;
    const created = await pageFetch<{ id: string }>(b.page, '/api/assessments', {
      method: 'POST',
      csrfToken: csrf,
      body: { name: 'E2E web scan', kind: 'scanner', unitId: target.unit.id, targets: [{ systemId: target.id, hosts: [host] }] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // Before: the scanner once reported a missing CSP header.
    const before = await pageFetch(b.page, `/api/assessments/${id}/runs?format=sarif&fileName=zap-0.sarif`, {
      method: 'POST',
      csrfToken: csrf,
      body: sarif(['missing-csp']),
    });
    expect(before.status).toBe(201);
    await b.page.goto(`/assessments/${id}`);
    await b.page.getByTestId('run-import').waitFor();
    await b.page.getByTestId('run-format').click();
    await b.page.getByRole('option', { name: 'SARIF 2.1.0' }).click();
    const importFile = async (name: string, rules: string[]) => {
      await b.page
        .getByTestId('run-import')
        .locator('input[type=file]')
        .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(sarif(rules))) });
      await b.page.getByTestId('run-submit').click();
    };
    // First import: an SQL injection is new, the CSP finding is gone (fixed).
    await importFile('zap-1.sarif', ['sql-injection']);
    await poll(() => b.page.getByTestId('run-result').textContent()).toBe('Imported: 1 new, 0 reopened, 1 fixed, 0 still open.');
    // Second import: the SQL injection is fixed, the CSP finding is back (reopened).
    await importFile('zap-2.sarif', ['missing-csp']);
    await poll(() => b.page.getByTestId('run-result').textContent()).toBe('Imported: 0 new, 1 reopened, 1 fixed, 0 still open.');
    await poll(() => b.page.getByTestId('run-row').count()).toBe(3);
    const findings = await pageFetch<{ items: { ruleId: string; state: string }[] }>(
      b.page,
      `/api/assessment-findings?assessmentId=${id}`,
    );
    expect(findings.body.items.map((f) => `${f.ruleId}:${f.state}`).sort()).toEqual(['missing-csp:open', 'sql-injection:fixed']);
    await b.page.getByTestId('findings-list').getByText('missing-csp', { exact: false }).first().waitFor();
  });

  test('the Nagoya FSIRT member sees the factory case with its production impact', async () => {
    const member = (await roleHolders(b.page)).get('fsirt_member')?.[0];
    expect(member).toBeDefined();
    await signIn(b.page, member!);
    const cases = await pageFetch<{ items: { id: string }[] }>(b.page, '/api/incidents?typeId=ot_incident');
    expect(cases.body.items).toHaveLength(1);
    await b.page.goto(`/incidents/${cases.body.items[0]!.id}`);
    await poll(() => b.page.getByTestId('fsirt-impact-summary').textContent()).toMatch(/Line stopped 6\.5 h/);
    // a supplier's advisory (CSAF 2.0) for the PLC's CPU: the plant's line A (1.21) is affected, line B (1.30) fixed
    const advisory = {
      document: {
        category: 'csaf_security_advisory',
        csaf_version: '2.0',
        title: 'KX-R PLC CPU: denial of service',
        publisher: { category: 'vendor', name: 'Example PLC Works', namespace: 'https://plc.example' },
        tracking: { id: 'EPW-2026-007', status: 'final', version: '1' },
      },
      product_tree: {
        branches: [
          {
            category: 'product_name',
            name: 'KX-R PLC CPU',
            branches: [
              { category: 'product_version', name: '1.21', product: { product_id: 'A', name: 'KX-R PLC CPU 1.21' } },
              { category: 'product_version', name: '1.30', product: { product_id: 'B', name: 'KX-R PLC CPU 1.30' } },
            ],
          },
        ],
      },
      vulnerabilities: [{ cve: 'CVE-2026-40000', product_status: { known_affected: ['A'], fixed: ['B'] } }],
    };
    await b.page.goto('/ot-advisories');
    await b.page.getByTestId('ot-advisory-file').waitFor();
    await b.page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'epw-2026-007.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(advisory)) });
    await poll(() => b.page.getByTestId('ot-advisory-match').count()).toBe(2);
    const rows = await b.page.getByTestId('ot-advisory-match').allTextContents();
    expect(rows.filter((r) => r.includes('Affected') && r.includes('CVE-2026-40000'))).toHaveLength(1);
    expect(rows.filter((r) => r.includes('Fixed'))).toHaveLength(1);
  });
});

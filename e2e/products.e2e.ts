/**
 * The product security scenario (issue #5), through the web app: a PSIRT member registers a product and a
 * release, uploads the release's CycloneDX SBOM (a real `npm sbom` file), finds one of its components with
 * the where-used search, records a penetration test with a high and a critical finding, is refused at the
 * ship gate, fixes one finding, accepts the risk of the other as the named approver, and ships the release.
 *
 * It runs on a server of its own (fresh data dir, started here): the shared e2e server belongs to the
 * platform scenario. Accounts are made the way an organisation makes them — request, approval by another
 * administrator, activation — so two administrators are created with the CLI before the server starts.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const password = 'Kz7!cedar-lantern-P5';
const admin = { email: 'prod.admin@example.com', name: 'Products Admin' };
const approver = { email: 'prod.approver@example.com', name: 'Products Approver' };
const psirt = { email: 'kenji.ito@example.com', nameJa: '伊藤 健二', nameEn: 'Kenji Ito', no: 'E2E-PSIRT-1' };
const division = { code: 'E2E-CAM', nameJa: 'E2Eカメラ事業部', nameEn: 'E2E Camera Division' };
const product = { code: 'NVR-2000', nameJa: 'ネットワークレコーダー NVR-2000', nameEn: 'Network Video Recorder NVR-2000' };
// A real CycloneDX 1.5 JSON file (`npm sbom --sbom-format cyclonedx` on this repository, trimmed to 150 packages).
const sbomFile = new URL('../apps/server/src/modules/products/fixtures/npm-sbom-cyclonedx-1.5.json', import.meta.url);
const high = 'Telnet service reachable on the LAN with a default password';
const critical = 'Firmware update accepted without a signature';

useOwnServer(
  'products',
  [admin, approver].map((a) => ({ ...a, password })),
);
const b = useBrowser({ sequentialScenario: true });

describe('product security scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  let csrf = '';
  let productId = '';
  let releaseId = '';

  /** An API call from the page with the session's CSRF token; fails the test on an unexpected status. */
  async function call<T>(method: string, path: string, body?: unknown, expected = [200, 201]): Promise<T> {
    const res = await pageFetch<T>(b.page, path, { method, body, csrfToken: csrf });
    if (!expected.includes(res.status)) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  async function apiSignIn(email: string) {
    await pageFetch(b.page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });
    csrf = (await call<{ csrfToken: string }>('POST', '/api/auth/sign-in', { email, password })).csrfToken;
  }
  async function uiSignIn(page: Page, email: string) {
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(email);
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-menu').waitFor();
    csrf = (await call<{ csrfToken: string }>('GET', '/api/me')).csrfToken;
  }
  /** Picks an option of a Mantine Select by its visible label. */
  async function choose(page: Page, testId: string, label: string | RegExp, search?: string) {
    const input = page.getByTestId(testId);
    await input.click();
    if (search) await input.fill(search);
    await page.getByRole('option', { name: label }).first().click();
  }
  /** Waits until the success toasts (bottom right, over the findings' status pickers) have closed. */
  const toastsGone = () => poll(() => b.page.locator('.mantine-Notifications-root [role="alert"]').count()).toBe(0);
  const findingRow = (title: string) => b.page.locator(`[data-testid="finding-row"][data-title="${title}"]`);

  test('the organisation: a camera division and its PSIRT member, through the API', async () => {
    await b.page.goto('/sign-in');
    await apiSignIn(admin.email);
    const unit = await call<{ id: string }>('POST', '/api/org-units', { parentId: null, kind: 'site', ...division });
    const person = await call<{ id: string }>('POST', '/api/people', {
      employeeNo: psirt.no,
      nameJa: psirt.nameJa,
      nameEn: psirt.nameEn,
      email: psirt.email,
      kind: 'employee',
      orgUnitId: unit.id,
    });
    const request = await call<{ id: string }>('POST', '/api/account-requests', {
      personId: person.id,
      email: psirt.email,
      reason: 'e2e',
    });
    // Four eyes: the other administrator approves the request.
    await apiSignIn(approver.email);
    const approved = await call<{ accountId: string; activationUrl: string }>(
      'POST',
      `/api/account-requests/${request.id}/approve`,
      {},
    );
    await call('POST', '/api/activate', { token: new URL(approved.activationUrl).searchParams.get('token'), password });
    await call('POST', '/api/role-assignments', { userId: approved.accountId, role: 'psirt_member', orgUnitId: unit.id });
    await pageFetch(b.page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });
  });

  test('the PSIRT member registers a product and its first release', async () => {
    const page = b.page;
    await uiSignIn(page, psirt.email);
    await page.getByTestId('nav-components').waitFor();
    await page.getByTestId('nav-products').click();
    await poll(pathname).toBe('/products');
    await page.getByTestId('products-create').click();
    await page.getByTestId('product-code').fill(product.code);
    await page.getByTestId('product-name-ja').fill(product.nameJa);
    await page.getByTestId('product-name-en').fill(product.nameEn);
    await page.getByTestId('product-line').fill('Video surveillance');
    await choose(page, 'product-org-unit', new RegExp(division.code), division.code);
    await choose(page, 'product-stage', 'Verify');
    await choose(page, 'product-gate', 'Medium');
    await page.getByTestId('product-save').click();
    await poll(() => page.getByTestId('product-title').innerText()).toBe(product.nameEn);
    productId = pathname().split('/').pop()!;
    expect(await page.getByTestId('product-stage-badge').textContent()).toBe('Verify');

    await page.getByTestId('release-create').click();
    await page.getByTestId('release-version').fill('2.1.0');
    await page.getByTestId('release-save').click();
    // The new release opens at once, with its id in the URL.
    await poll(() => page.getByTestId('release-title').innerText()).toBe('Release 2.1.0');
    releaseId = new URL(page.url()).searchParams.get('release') ?? '';
    expect(releaseId).toMatch(/^[0-9a-f-]{36}$/);

    // The list finds it by the product line filter and by text.
    await page.getByTestId('nav-products').click();
    await choose(page, 'products-line-filter', /Video surveillance/);
    await page.getByTestId('products-search').fill('NVR');
    await poll(() => page.getByTestId('product-row').count()).toBe(1);
  });

  test('uploads the release SBOM and sees the import report, the components and the licences', async () => {
    const page = b.page;
    await page.goto(`/products/${productId}?release=${releaseId}`);
    await page.getByTestId('release-tab-sbom').click();
    await page.getByTestId('sbom-file').setInputFiles({
      name: 'nvr-2000-2.1.0.cdx.json',
      mimeType: 'application/json',
      buffer: readFileSync(sbomFile),
    });
    const summary = page.getByTestId('sbom-report-summary');
    await poll(() => summary.isVisible()).toBe(true);
    expect(await summary.innerText()).toMatch(/^CycloneDX JSON 1\.5: \d{3} components, \d+ licences\.$/);
    const count = Number((await summary.innerText()).match(/(\d+) components/)![1]);

    await page.getByTestId('release-tab-components').click();
    await page.getByTestId('release-components-search').fill('acorn');
    await poll(() => page.locator('[data-testid="release-component"][data-name="acorn-jsx"]').count()).toBe(1);
    await page.getByTestId('release-tab-licences').click();
    await page.locator('[data-testid="release-licence"][data-licence="MIT"]').waitFor();

    const detail = await call<{ releases: { componentCount: number; sbomFormat: string }[] }>(
      'GET',
      `/api/products/${productId}`,
    );
    expect(detail.releases[0]).toMatchObject({ componentCount: count, sbomFormat: 'cyclonedx-json' });
  });

  test('finds which releases ship acorn-jsx 5.3.2 and opens the release from the answer', async () => {
    const page = b.page;
    await page.getByTestId('nav-components').click();
    await poll(pathname).toBe('/components');
    await page.getByTestId('component-name').fill('ACORN-JSX');
    await page.getByTestId('component-version').fill('5.3.2');
    await page.getByTestId('component-search').click();
    const uses = page.getByTestId('component-use');
    await poll(() => uses.count()).toBe(1);
    expect(await uses.first().innerText()).toContain(product.code);

    await page.getByTestId('component-version').fill('9.9.9');
    await page.getByTestId('component-search').click();
    await page.getByTestId('component-none').waitFor();

    await page.getByTestId('component-version').fill('5.3.2');
    await page.getByTestId('component-search').click();
    await page.getByTestId('component-use-release').click();
    await poll(pathname).toBe(`/products/${productId}`);
    await poll(() => page.getByTestId('release-title').innerText()).toBe('Release 2.1.0');
  });

  test('records a penetration test with a high and a critical finding; the ship gate refuses', async () => {
    const page = b.page;
    await page.getByTestId('release-tab-tests').click();
    await page.getByTestId('test-run-create').click();
    await choose(page, 'test-run-kind', 'Penetration test');
    await page.getByTestId('test-run-date').fill('2026-11-02');
    await page.getByTestId('test-run-summary').fill('External pen test of the LAN and update interfaces');
    await page.getByTestId('finding-add').click();
    await page.getByTestId('finding-title-0').fill(high);
    await choose(page, 'finding-severity-0', 'High');
    await page.getByTestId('finding-add').click();
    await page.getByTestId('finding-title-1').fill(critical);
    await choose(page, 'finding-severity-1', 'Critical');
    await page.getByTestId('test-run-save').click();
    await findingRow(high).waitFor();
    expect(await findingRow(critical).getByTestId('finding-status').textContent()).toBe('Open');

    await page.getByTestId('ship-date').fill('2026-11-20');
    await page.getByTestId('ship-release').click();
    const refusal = page.getByTestId('ship-refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('2 open finding(s) above Medium');
    const blocking = await page.getByTestId('ship-blocking-finding').allTextContents();
    expect(blocking.map((x) => x.replace(/^(Low|Medium|High|Critical)\s*/, '$1: ')).sort()).toEqual([
      `Critical: ${critical}`,
      `High: ${high}`,
    ]);
    const release = await call<{ releases: { status: string }[] }>('GET', `/api/products/${productId}`);
    expect(release.releases[0]!.status).toBe('planned');
  });

  test('fixes the high finding, accepts the risk of the critical one as the named approver, and ships', async () => {
    const page = b.page;
    await toastsGone();
    await findingRow(high).getByTestId('finding-status-select').click();
    await page.getByRole('option', { name: 'Fixed' }).click();
    await poll(() => findingRow(high).getByTestId('finding-status').textContent()).toBe('Fixed');
    // The refusal follows the findings: only the critical one still blocks.
    await poll(() => page.getByTestId('ship-blocking-finding').count()).toBe(1);

    await toastsGone();
    await findingRow(critical).getByTestId('finding-status-select').click();
    await page.getByRole('option', { name: 'Risk accepted' }).click();
    const dialog = page.getByTestId('risk-accept');
    expect(await dialog.innerText()).toContain(`You (${psirt.email}) will be recorded as the approver`);
    await page
      .getByTestId('risk-accept-reason')
      .fill('Update channel reachable only from the maintenance port; signed images in 2.1.1');
    await page.getByTestId('risk-accept-confirm').click();
    await poll(() => findingRow(critical).getByTestId('finding-acceptance').innerText()).toContain(`Accepted by ${psirt.email}`);
    await poll(() => page.getByTestId('ship-refusal').count()).toBe(0);

    await page.getByTestId('ship-release').click();
    await poll(() => page.getByTestId('release-panel').getByTestId('release-status').textContent()).toBe('Shipped');
    const detail = await call<{ releases: { status: string; releasedOn: string }[] }>('GET', `/api/products/${productId}`);
    expect(detail.releases[0]).toMatchObject({ status: 'shipped', releasedOn: '2026-11-20' });

    // The audit log holds the ship and the risk acceptance (read by the administrator).
    await apiSignIn(admin.email);
    const events = await call<{ items: { action: string }[] }>('GET', `/api/audit-events?targetId=${releaseId}`);
    expect(events.items.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'product_release.create',
        'product_release.sbom_import',
        'security_test.record',
        'product_release.ship',
      ]),
    );
  });
  test('the threat analysis: the stage gate refuses, assets and a STRIDE threat are recorded, the review opens the gate', async () => {
    const page = b.page;
    await pageFetch(page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });
    await uiSignIn(page, psirt.email);
    await page.goto(`/products/${productId}`);
    await page.getByTestId('tab-threats').click();
    await page.getByTestId('threat-analysis').waitFor();
    await choose(page, 'stage-select', 'Operate / maintain');
    await page.getByTestId('stage-move').click();
    await poll(() => page.getByTestId('stage-refusal').innerText()).toContain(
      'Review the threat analysis at the Verify stage gate',
    );

    await page.getByTestId('asset-create').click();
    await page.getByTestId('asset-name').fill('Firmware update function');
    await choose(page, 'asset-kind', 'Function');
    await page.getByTestId('asset-save').click();
    await page.locator('[data-testid="protected-asset"][data-name="Firmware update function"]').waitFor();

    await page.getByTestId('threat-create').click();
    await choose(page, 'threat-category', 'Tampering');
    await choose(page, 'threat-asset', /Firmware update function/);
    await page.getByTestId('threat-title').fill('Malicious firmware installed through the update service');
    await page.getByTestId('threat-attack-path').fill('LAN → update service → unsigned image');
    await page.getByTestId('threat-mitigations').fill('Signed images and verified boot (2.1.1)');
    await choose(page, 'threat-residual', 'Low');
    await page.getByTestId('threat-save').click();
    const threat = page.locator(
      '[data-testid="threat-row"][data-title="Malicious firmware installed through the update service"]',
    );
    await threat.waitFor();
    expect(await threat.innerText()).toContain('Firmware update function');

    await page.getByTestId('threat-review-note').fill('Verify gate: residual risk accepted for 2.1.0');
    await page.getByTestId('threat-review-submit').click();
    await page.locator('[data-testid="threat-review"][data-stage="verify"]').waitFor();
    await page.getByTestId('stage-move').click();
    await poll(() => page.getByTestId('product-stage-badge').textContent()).toBe('Operate / maintain');
  });

  // Last: it empties the release's component list.
  test('a VEX uploaded as the SBOM is refused; the components stay unless emptying them is confirmed', async () => {
    const page = b.page;
    const vex = { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, vulnerabilities: [{ id: 'CVE-2026-0001' }] };
    const upload = () =>
      page.getByTestId('sbom-file').setInputFiles({
        name: 'nvr-2000.vex.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(vex)),
      });
    const count = async () =>
      (await call<{ releases: { id: string; componentCount: number }[] }>('GET', `/api/products/${productId}`)).releases.find(
        (r) => r.id === releaseId,
      )!.componentCount;
    const before = await count();
    expect(before).toBeGreaterThan(100);
    await page.goto(`/products/${productId}?release=${releaseId}`);
    await page.getByTestId('release-tab-sbom').click();
    await upload();
    await page.getByTestId('sbom-empty').waitFor();
    expect(await page.getByTestId('sbom-empty').innerText()).toContain(`${before}`);
    await page.getByTestId('sbom-keep').click();
    await poll(() => page.getByTestId('sbom-empty').count()).toBe(0);
    expect(await count()).toBe(before);

    await upload();
    await page.getByTestId('sbom-replace-with-empty').click();
    const summary = page.getByTestId('sbom-report-summary');
    await poll(() => summary.isVisible()).toBe(true);
    expect(await summary.innerText()).toMatch(/: 0 components/);
    expect(await count()).toBe(0);
  });
});

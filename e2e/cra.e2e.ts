/**
 * CRA art. 14 reporting from a vulnerability case (issue 17), through the web app on the demo group: the demo's
 * exploited case shows, for each of its two EU-market products, the early warning sent and the notification running
 * (and in "needs my attention"); a PSIRT member puts the maintenance app on the EU market (product page), marks it
 * affected and the case actively exploited, sees the CRA clocks, records the early warning sent to ENISA's single
 * reporting platform, records the fix, sees the final report's due date, 14 days after the fix, and downloads the
 * notification's draft. The demo case also shows its saved drafts (the early warning's submitted, the notification's
 * reviewed) and the user notice drafted as the advisory.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { roleHolders } from './holders';
import { axeViolations, horizontalOverflow } from './page-checks';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
const DAY = 86_400_000;
useOwnServer('cra', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

interface Stage {
  ruleId: string;
  status: string;
  dueAt: string | null;
  submission: { reference: string } | null;
}
interface Reporting {
  reporting: { fixAvailableAt: string | null } | null;
  deadlines: Stage[];
}

describe('CRA reporting scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  let psirt = '';
  let csrf = '';
  let caseId = '';

  async function signIn(page: Page, email: string) {
    await page.context().clearCookies();
    await page.goto('/sign-in');
    const res = await pageFetch<{ csrfToken: string }>(page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email, password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(200);
    csrf = res.body.csrfToken;
    expect((await pageFetch(page, '/api/me', { method: 'PATCH', body: { language: 'en' }, csrfToken: csrf })).status).toBe(200);
  }
  const caseByTitle = async (q: string) =>
    (await pageFetch<{ items: { id: string; title: string }[] }>(b.page, `/api/vulnerabilities?q=${encodeURIComponent(q)}`)).body
      .items[0]!.id;
  const reporting = async (id: string) => (await pageFetch<Reporting>(b.page, `/api/vulnerabilities/${id}/deadlines`)).body;
  let product = 'HSZ-SENS-T3';
  const stage = (id: string) => b.page.getByTestId(`cra-product-${product}`).getByTestId(`cra-stage-${id}`);

  test('the demo has a PSIRT member, and its exploited case has the early warning sent and the notification running', async () => {
    await b.page.goto('/sign-in');
    const first = await pageFetch(b.page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email: 'kaori.matsumoto@hoshizora.example', password: DEMO_PASSWORD },
    });
    expect(first.status).toBe(200);
    psirt = (await roleHolders(b.page)).get('psirt_member')?.[0] ?? '';
    expect(psirt).toBeTruthy();
    await signIn(b.page, psirt);
    const demoCase = await caseByTitle('malformed TCP options');
    await b.page.goto(`/vulnerabilities/${demoCase}`);
    await b.page.getByTestId('cra-panel').waitFor();
    await poll(() => stage('cra-vuln-early-warning').getAttribute('data-status')).toBe('met');
    await poll(() => stage('cra-vuln-notification').getAttribute('data-status')).toBe('due_soon');
    await poll(() => stage('cra-vuln-final').getAttribute('data-status')).toBe('waiting');
    product = 'HSZ-INV-S5';
    await poll(() => stage('cra-vuln-notification').getAttribute('data-status')).toBe('due_soon');
    const attention = await pageFetch<{ items: { kind: string; href: string }[] }>(b.page, '/api/attention?limit=100');
    expect(attention.body.items.some((i) => i.kind === 'craReportDue' && i.href === `/vulnerabilities/${demoCase}`)).toBe(true);
  });

  test('the demo case shows its saved drafts (submitted, reviewed) and the user notice, at 390 px and without axe findings', async () => {
    const page = b.page;
    const drafts = page.getByTestId('cra-saved-drafts');
    await poll(() => drafts.getByTestId('cra-saved-draft-early_warning').getAttribute('data-status')).toBe('submitted');
    await poll(() => drafts.getByTestId('cra-saved-draft-notification').getAttribute('data-status')).toBe('reviewed');
    await poll(() => page.getByTestId('cra-user-notice-state').textContent()).toContain('answering');
    // the publishing form starts from the user notice's draft
    await poll(() => page.getByTestId('publish-title-en').inputValue()).toContain('Security notice:');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await drafts.scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('a PSIRT member puts the maintenance app on the EU market and marks it affected', async () => {
    const page = b.page;
    product = 'HSZ-MAINT-APP';
    const found = await pageFetch<{ items: { id: string }[] }>(page, `/api/products?q=${product}`);
    const productId = found.body.items[0]!.id;
    await page.goto(`/products/${productId}`);
    await page.getByTestId('product-cra').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('product-cra-edit').click();
    await page.getByTestId('product-cra-form').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('product-cra-in-scope').check();
    await page.getByTestId('product-cra-establishment-select').fill('Germany');
    await page.getByRole('option', { name: 'Germany (DE)' }).click();
    await page.getByTestId('product-cra-market-since').fill('2026-01-15');
    await page.getByTestId('product-cra-save').click();
    await poll(() => page.getByTestId('product-cra-scope').textContent()).toBe('In scope, on the EU market');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1280, height: 900 });
    caseId = await caseByTitle('Stored XSS');
    const marked = await pageFetch(page, `/api/vulnerabilities/${caseId}`, {
      method: 'PATCH',
      body: { products: [{ productId, status: 'affected', affectedVersions: '0.9.0' }] },
      csrfToken: csrf,
    });
    expect(marked.status).toBe(200);
  });

  test('a PSIRT member marks a case actively exploited and sees the CRA clocks', async () => {
    const page = b.page;
    await page.goto(`/vulnerabilities/${caseId}`);
    await page.getByTestId('cra-mark').click();
    await page
      .getByTestId('cra-mark-evidence')
      .fill('A customer saw the payload in the wild: report views rewrote the download links.');
    await page.getByTestId('cra-mark-submit').click();
    await page.getByTestId('cra-summary').waitFor();
    await poll(() => stage('cra-vuln-early-warning').getAttribute('data-status')).toBe('pending');
    await poll(() => stage('cra-vuln-notification').getAttribute('data-status')).toBe('pending');
    await poll(() => stage('cra-vuln-final').getAttribute('data-status')).toBe('waiting');
    await expect(stage('cra-vuln-early-warning').getByTestId('cra-stage-due').textContent()).resolves.toMatch(/Due/);
  });

  test('the early warning is recorded as submitted to ENISA’s single reporting platform', async () => {
    const page = b.page;
    await stage('cra-vuln-early-warning').getByTestId('cra-submit-open').click();
    await page.getByTestId('cra-submit-reference').fill('ENISA-SRP-E2E-1');
    await page.getByTestId('cra-submit-text').fill('Early warning: actively exploited stored XSS in the maintenance app.');
    await page.getByTestId('cra-submit').click();
    await poll(() => stage('cra-vuln-early-warning').getAttribute('data-status')).toBe('met');
    await expect(stage('cra-vuln-early-warning').getByTestId('cra-stage-submission').textContent()).resolves.toContain(
      'ENISA-SRP-E2E-1',
    );
  });

  test('recording the fix starts the final report, due 14 days later', async () => {
    const page = b.page;
    await page.getByTestId('cra-fix-open').click();
    await page.getByTestId('cra-fix-note').fill('Maintenance app 3.4.2');
    await page.getByTestId('cra-fix-submit').click();
    await page.getByTestId('cra-fix-at').waitFor();
    await poll(() => stage('cra-vuln-final').getAttribute('data-status')).toBe('pending');
    await stage('cra-vuln-final').getByTestId('cra-stage-due').waitFor();
    const r = await reporting(caseId);
    const final = r.deadlines.find((d) => d.ruleId === 'cra-vuln-final')!;
    // 14 calendar days in Brussels: 14 × 24 h unless summer time starts or ends in between.
    expect(Math.abs(Date.parse(final.dueAt!) - Date.parse(r.reporting!.fixAvailableAt!) - 14 * DAY)).toBeLessThanOrEqual(
      3_600_000,
    );
    expect(r.deadlines.find((d) => d.ruleId === 'cra-vuln-early-warning')!.submission!.reference).toBe('ENISA-SRP-E2E-1');
  });

  test('the notification’s draft names the product and the fix', async () => {
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.setViewportSize({ width: 390, height: 844 });
    await b.page.waitForTimeout(300);
    expect(await horizontalOverflow(b.page)).toBeLessThanOrEqual(1);
    await b.page.setViewportSize({ width: 1280, height: 900 });
    const href = await b.page.getByTestId('cra-draft-json-notification').getAttribute('href');
    const draft = await pageFetch<{ products: { code: string }[]; correctiveMeasures: { fixNote: string } }>(b.page, href!);
    expect(draft.status).toBe(200);
    expect(draft.body.products.map((p) => p.code)).toEqual(['HSZ-MAINT-APP']);
    expect(draft.body.correctiveMeasures.fixNote).toBe('Maintenance app 3.4.2');
    const pdf = await b.page.getByTestId('cra-draft-pdf-notification').getAttribute('href');
    expect((await pageFetch(b.page, pdf!)).contentType).toBe('application/pdf');
  });
});

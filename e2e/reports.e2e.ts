/**
 * The CISO's view (issue #15), through the web app on the demo group: the dashboard shows charts from the demo data
 * and drills into the incident list; the yearly information-security report is generated in Japanese and in
 * English as a job, and its PDF downloads with the report's text in it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { roleHolders } from './holders';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
useOwnServer('reports', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

describe('CISO dashboard and yearly report', () => {
  const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout, interval: 200 });
  const pathname = () => new URL(b.page.url()).pathname;
  let ciso = '';

  async function signIn(page: Page, email: string) {
    await page.context().clearCookies();
    await page.goto('/sign-in');
    const res = await pageFetch<{ csrfToken: string }>(page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email, password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(200);
    const lang = await pageFetch(page, '/api/me', { method: 'PATCH', body: { language: 'en' }, csrfToken: res.body.csrfToken });
    expect(lang.status).toBe(200);
    await page.goto('/');
    await page.getByTestId('app-title').waitFor();
  }

  test('the demo group has a CISO', async () => {
    await b.page.goto('/sign-in');
    const first = await pageFetch(b.page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email: 'kaori.matsumoto@hoshizora.example', password: DEMO_PASSWORD },
    });
    expect(first.status).toBe(200);
    ciso = (await roleHolders(b.page)).get('ciso')?.[0] ?? '';
    expect(ciso).toBeTruthy();
  });

  test('the dashboard shows charts from the demo data and drills into the incident list', async () => {
    const page = b.page;
    await signIn(page, ciso);
    await page.getByTestId('attention').waitFor();
    await page.getByTestId('nav-dashboard').click();
    await poll(pathname).toBe('/dashboard');
    await page.getByTestId('figure-incidents.monthly').waitFor();
    // a real chart: bars drawn from the demo's incidents
    await poll(() => page.getByTestId('chart-incidents.monthly').locator('.bar').count()).toBeGreaterThan(0);
    expect(Number((await page.getByTestId('figure-value-incidents.monthly').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(
      0,
    );
    // the table view holds the same numbers for screen readers
    await page.getByTestId('figure-incidents.monthly').getByText('Table', { exact: true }).click();
    await page.getByTestId('figure-table-incidents.monthly').waitFor();
    await page.getByTestId('figure-drill-incidents.open').click();
    await poll(pathname).toBe('/incidents');
    expect(new URL(page.url()).searchParams.get('status')).toBe('open');
  });

  for (const language of ['ja', 'en'] as const)
    test(`the yearly report is generated in ${language} and its PDF downloads`, async () => {
      const page = b.page;
      await page.goto('/reports');
      await page.getByTestId('report-generate').waitFor();
      await page.getByTestId('report-language').click();
      await page.getByRole('option', { name: language === 'ja' ? '日本語' : 'English' }).click();
      const before = await page.getByTestId('report-run').count();
      await page.getByTestId('report-generate').click();
      await poll(() => page.getByTestId('report-run').count()).toBe(before + 1);
      const run = page.getByTestId('report-run').first();
      await poll(() => run.getAttribute('data-status'), 90_000).toBe('done');
      const href = await run.getByTestId('report-file-pdf').getAttribute('href');
      const res = await page.request.get(href!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('application/pdf');
      const bytes = await res.body();
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const doc = await getDocument({ data: new Uint8Array(bytes) }).promise;
      expect(doc.numPages).toBeGreaterThan(10);
      const first = ((await (await doc.getPage(1)).getTextContent()).items as { str: string }[]).map((i) => i.str).join('');
      expect(first).toContain(language === 'ja' ? '情報セキュリティ報告書' : 'Information Security Report');
      // a chart page: the cyber-security section draws the monthly incidents as vector paths
      const ops = await (await doc.getPage(8)).getOperatorList();
      expect(ops.fnArray.length).toBeGreaterThan(50);
    }, 120_000);
});

/**
 * Governance scenario (issue #12), through the web app on the demo group: an employee reads a published rule on the
 * information-security portal and acknowledges it; the CISO opens the management review and its pack PDF, which is a
 * real PDF with the pack's text in it. The demo accounts use the demo password.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { readPdf } from '../apps/server/src/platform/pdf/testing';
import { pageFetch, useBrowser } from './browser';
import { roleHolders } from './holders';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
useOwnServer('governance-review', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

describe('governance scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  const holders = new Map<string, string[]>();

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

  test('the demo group has employees and a CISO', async () => {
    await b.page.goto('/sign-in');
    const first = await pageFetch<{ csrfToken: string }>(b.page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email: 'kaori.matsumoto@hoshizora.example', password: DEMO_PASSWORD },
    });
    expect(first.status).toBe(200);
    for (const [role, emails] of await roleHolders(b.page)) holders.set(role, emails);
    expect(holders.get('employee')?.length).toBeGreaterThan(0);
    expect(holders.get('ciso')?.length).toBeGreaterThan(0);
  });

  test('an employee reads a rule on the portal and acknowledges it', async () => {
    const page = b.page;
    // the first employee who still has a document to acknowledge (the demo's rates are below 100 %)
    let docId = '';
    for (const email of holders.get('employee')!) {
      await signIn(page, email);
      const list = await pageFetch<{ items: { id: string; acknowledged: boolean | null }[] }>(page, '/api/documents');
      docId = list.body.items.find((d) => d.acknowledged === false)?.id ?? '';
      if (docId) break;
    }
    expect(docId).not.toBe('');
    await page.getByTestId('nav-documents').click();
    await poll(pathname).toBe('/documents');
    await page.locator(`a[href="/documents/${docId}"]`).click();
    await poll(pathname).toBe(`/documents/${docId}`);
    await page.getByTestId('doc-body').waitFor();
    expect((await page.getByTestId('doc-body').innerText()).length).toBeGreaterThan(50);
    await page.getByTestId('doc-ack-button').click();
    await page.getByTestId('doc-acked').waitFor();
    const detail = await pageFetch<{ acknowledged: boolean }>(page, `/api/documents/${docId}`);
    expect(detail.body.acknowledged).toBe(true);
  });

  test('the CISO opens the management review and its pack PDF', async () => {
    const page = b.page;
    await signIn(page, holders.get('ciso')![0]!);
    await page.getByTestId('nav-management-reviews').click();
    await poll(pathname).toBe('/management-reviews');
    await page.getByTestId('review-link').first().click();
    await poll(pathname).toMatch(/^\/management-reviews\/[0-9a-f-]{36}$/);
    await page.getByTestId('pack-incidents').waitFor();
    const href = await page.getByTestId('review-pdf-en').getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const body = await res.body();
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await readPdf(body);
    expect(pdf.text).toContain('Management review pack');
    expect(pdf.text).toContain('Incident and near-miss trends');
  });
});

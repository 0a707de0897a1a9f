/**
 * The Statement of Applicability scenario (issue #11), through the web app on the demo group: the security office
 * changes a control in the group's draft and submits it, the CISO approves it, and the approved version's PDF
 * downloads. The demo accounts use the demo password.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { roleHolders } from './holders';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
useOwnServer('soa', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

describe('SoA scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  const holders = new Map<string, string>();
  let soaId = '';

  /** Signs in (the session cookie lands in the browser) and reads the app in English. */
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
  async function openGroupSoa(page: Page) {
    await page.getByTestId('nav-soa').click();
    await poll(pathname).toBe('/soa');
    await page.getByTestId('soa-link').first().click();
    await poll(pathname).toMatch(/^\/soa\/[0-9a-f-]{36}$/);
    soaId = pathname().split('/').pop()!;
    await page.getByTestId('soa-entries').waitFor();
  }
  const version2 = async () =>
    (
      await pageFetch<{ status: string; entries: { controlId: string; status: string }[] }>(
        b.page,
        `/api/soa/${soaId}/versions/2`,
      )
    ).body;

  test('the demo group has a security office and a CISO', async () => {
    await b.page.goto('/sign-in');
    const first = await pageFetch<{ csrfToken: string }>(b.page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email: 'kaori.matsumoto@hoshizora.example', password: DEMO_PASSWORD },
    });
    expect(first.status).toBe(200);
    for (const [role, emails] of await roleHolders(b.page)) holders.set(role, emails[0]!);
    expect(holders.get('security_office')).toBeTruthy();
    expect(holders.get('ciso')).toBeTruthy();
  });

  test('the office changes a control in the draft and submits it', async () => {
    const page = b.page;
    await signIn(page, holders.get('security_office')!);
    await openGroupSoa(page);
    await poll(() => page.getByTestId('soa-status').getAttribute('data-status')).toBe('draft');
    const row = page.locator('[data-testid="soa-entry"][data-control="5.1"]');
    const before = (await version2()).entries.find((e) => e.controlId === '5.1')!.status;
    const target = before === 'partial' ? 'Implemented' : 'Partial';
    await row.getByTestId('entry-status').click();
    await page.getByRole('option', { name: target, exact: true }).click();
    await poll(async () => (await version2()).entries.find((e) => e.controlId === '5.1')!.status).toBe(
      target === 'Partial' ? 'partial' : 'implemented',
    );
    await page.getByTestId('soa-submit').click();
    await poll(async () => (await version2()).status).toBe('review');
    await poll(() => page.getByTestId('soa-status').getAttribute('data-status')).toBe('review');
  });

  test('the CISO approves it and downloads the PDF', async () => {
    const page = b.page;
    await signIn(page, holders.get('ciso')!);
    await openGroupSoa(page);
    await poll(() => page.getByTestId('soa-status').getAttribute('data-status')).toBe('review');
    await page.getByTestId('soa-approve').click();
    await poll(async () => (await version2()).status).toBe('approved');
    await poll(() => page.getByTestId('soa-status').getAttribute('data-status')).toBe('approved');
    const href = await page.getByTestId('soa-pdf').getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

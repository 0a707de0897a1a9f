/**
 * The yearly plan scenario (issue #12), through the web app on the demo group: the security office copies this
 * year's plan to next year and publishes it (the tasks cascade to every unit), then a promotion leader, on a phone,
 * records one of their unit's tasks done with an evidence file. The demo accounts use the demo password.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { fiscalYearOf } from '../packages/contracts/src/fiscal-year';
import { pageFetch, useBrowser } from './browser';
import { roleHolders } from './holders';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
useOwnServer('plans', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

describe('yearly plan scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  const holders = new Map<string, string>();
  const fy = fiscalYearOf(new Date());

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

  test('the demo group has a security office and promotion leaders', async () => {
    await b.page.goto('/sign-in');
    const first = await pageFetch(b.page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email: 'kaori.matsumoto@hoshizora.example', password: DEMO_PASSWORD },
    });
    expect(first.status).toBe(200);
    for (const [role, emails] of await roleHolders(b.page)) holders.set(role, emails[0]!);
    expect(holders.get('security_office')).toBeTruthy();
    expect(holders.get('promotion_leader')).toBeTruthy();
  });

  test("the office copies this year's plan to next year and publishes it", async () => {
    const page = b.page;
    await signIn(page, holders.get('security_office')!);
    await page.getByTestId('nav-plans').click();
    await poll(pathname).toBe('/plans');
    await page.getByTestId('plan-link').first().click();
    await poll(pathname).toMatch(/^\/plans\/[0-9a-f-]{36}$/);
    await page.getByText('Copy to next year').click();
    await poll(() => page.getByTestId('plan-status').textContent()).toBe('Draft');
    const id = pathname().split('/').pop()!;
    await page.getByTestId('plan-publish').click();
    await page.getByTestId('plan-publish-confirm-confirm').click();
    await poll(() => page.getByTestId('plan-status').textContent()).toBe('Published');
    const plan = await pageFetch<{ fiscalYear: number; status: string }>(page, `/api/plans/${id}`);
    expect(plan.body).toMatchObject({ fiscalYear: fy + 1, status: 'published' });
    const tasks = await pageFetch<{ items: unknown[] }>(page, `/api/plan-tasks?fiscalYear=${fy + 1}&limit=500`);
    expect(tasks.body.items.length).toBeGreaterThan(10);
  });

  test('a promotion leader records a task done with an evidence file, on a phone', async () => {
    const page = b.page;
    await signIn(page, holders.get('promotion_leader')!);
    // through the navigation, as the other scenarios do (the page's catalogue loads with it), then on a phone
    await page.getByTestId('nav-plan-tasks').click();
    await poll(pathname).toBe('/plan-tasks');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('plan-tasks').waitFor();
    const card = page.getByTestId('plan-task').filter({ hasText: 'Evidence file' }).first();
    const title = await card.getByTestId('plan-task-title').textContent();
    await card.getByTestId('plan-task-complete').click();
    const form = page.getByTestId('plan-task-complete-form');
    await form.getByTestId('plan-task-comment').fill('Ledger reviewed with the section heads');
    await form
      .locator('input[type="file"]')
      .setInputFiles({ name: 'ledger.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 ledger') });
    await form.getByTestId('plan-task-complete-submit').click();
    await form.waitFor({ state: 'detached' });
    const done = await pageFetch<{
      items: { status: string; comment: string; files: { name: string }[]; activity: { title: { en: string } } }[];
    }>(page, `/api/plan-tasks?fiscalYear=${fy}&mine=1&status=done&limit=500`);
    const mine = done.body.items.find((t) => t.comment === 'Ledger reviewed with the section heads');
    expect(mine).toMatchObject({ status: 'done', files: [{ name: 'ledger.pdf' }], activity: { title: { en: title } } });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});

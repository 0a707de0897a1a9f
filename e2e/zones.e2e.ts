/**
 * The bring-in scenario (issue #14), through the web app on the demo group: someone asks to bring a contractor's
 * laptop into a restricted zone, the office names a person who may enter it, and the zone's owner approves the
 * bring-in on a phone (390 px wide).
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
useOwnServer('zones', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

describe('bring-in scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  const office = 'kaori.matsumoto@hoshizora.example';
  let zoneId = '';
  let ownerEmail = '';
  let bringInId = '';

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

  test('the demo has a restricted zone whose owner has an account', async () => {
    await signIn(b.page, office);
    const sites = await pageFetch<{ zones: { id: string; kind: string; owner: { id: string } }[] }[]>(b.page, '/api/zones');
    const zone = sites.body.flatMap((s) => s.zones).find((z) => z.kind === 'restricted')!;
    expect(zone).toBeTruthy();
    zoneId = zone.id;
    const owner = await pageFetch<{ email: string | null }>(b.page, `/api/people/${zone.owner.id}`);
    ownerEmail = owner.body.email!;
    expect(ownerEmail).toBeTruthy();
  });

  test('the office asks to bring a contractor laptop into the zone', async () => {
    await b.page.getByTestId('nav-zones').click();
    await poll(pathname).toBe('/zones');
    await b.page.getByTestId('zone-row').first().waitFor();
    await b.page.goto(`/bring-ins/new?zoneId=${zoneId}`);
    await b.page.getByTestId('bring-in-name').fill('Ken Yamamoto');
    await b.page.getByTestId('bring-in-purpose').fill('Replace the core switch');
    await b.page.getByTestId('bring-in-submit').click();
    await poll(pathname).toMatch(/^\/bring-ins\/[0-9a-f-]{36}$/);
    bringInId = pathname().split('/').pop()!;
    await poll(() => b.page.getByTestId('bring-in-state').textContent()).toBe('Waiting');
  });

  test('the office names a person who may enter the zone', async () => {
    const before = await pageFetch<{ entryPeople: { id: string }[] }>(b.page, `/api/zones/${zoneId}`);
    await b.page.goto(`/zones/${zoneId}`);
    await b.page.getByTestId('zone-entry-edit').click();
    const editor = b.page.getByTestId('zone-entry-editor');
    await editor.waitFor();
    await b.page.getByTestId('zone-entry-add').fill('Matsumoto');
    const option = b.page.getByRole('option', { name: /Matsumoto/ }).first();
    await option.waitFor();
    await option.click();
    await poll(() => editor.getByTestId('zone-entry-people').textContent()).toContain('Matsumoto');
    await b.page.getByTestId('zone-entry-save').click();
    await editor.waitFor({ state: 'detached' });
    await poll(() => b.page.getByTestId('zone-rules').textContent()).toContain('Matsumoto');
    const after = await pageFetch<{ entryPeople: { id: string; nameEn: string }[] }>(b.page, `/api/zones/${zoneId}`);
    expect(after.body.entryPeople.length).toBe(before.body.entryPeople.length + 1);
    expect(after.body.entryPeople.some((p) => p.nameEn.includes('Matsumoto'))).toBe(true);
  });

  test('the zone owner approves it on a phone', async () => {
    await b.page.setViewportSize({ width: 390, height: 844 });
    await signIn(b.page, ownerEmail);
    await b.page.goto('/bring-ins');
    await b.page.locator(`a[href="/bring-ins/${bringInId}"]`).click();
    await poll(pathname).toBe(`/bring-ins/${bringInId}`);
    await b.page.getByTestId('bring-in-approve').click();
    await poll(() => b.page.getByTestId('bring-in-state').textContent()).toBe('Approved');
    const saved = await pageFetch<{ state: string }>(b.page, `/api/bring-ins/${bringInId}`);
    expect(saved.body.state).toBe('approved');
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});

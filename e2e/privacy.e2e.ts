/**
 * The privacy scenario (issue #14), through the web app on the demo group: the privacy officer records a register
 * entry with a transfer abroad and its processor picked by name; a person sends a request through the public form (no
 * account) and the officer records the identity check and answers in time; the officer records a request received by
 * phone at a window; the security office names register entries on an incident and the incident page shows the clocks
 * its prefilled facts start.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { roleHolders } from './holders';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
useOwnServer('privacy', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

describe('privacy scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  const holders = new Map<string, string>();
  let csrf = '';
  let reference = '';
  const entryIds: string[] = [];

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
    await page.goto('/');
    await page.getByTestId('app-title').waitFor();
  }

  test('the demo group has a privacy officer and a security office', async () => {
    await b.page.goto('/sign-in');
    const first = await pageFetch(b.page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email: 'kaori.matsumoto@hoshizora.example', password: DEMO_PASSWORD },
    });
    expect(first.status).toBe(200);
    for (const [role, emails] of await roleHolders(b.page)) holders.set(role, emails[0]!);
    expect(holders.get('privacy_officer')).toBeTruthy();
    expect(holders.get('security_office')).toBeTruthy();
  });

  test('the privacy officer records a register entry with a transfer abroad', async () => {
    const page = b.page;
    await signIn(page, holders.get('privacy_officer')!);
    await page.getByTestId('nav-privacy-register').click();
    await poll(pathname).toBe('/privacy/register');
    await page.getByTestId('register-new').click();
    await poll(pathname).toBe('/privacy/register/new');
    await page.getByTestId('activity-unit').click();
    await page.getByTestId('activity-unit').fill('Legal');
    await page.getByRole('option').first().click();
    await page.getByTestId('activity-service').fill('US warranty registration');
    await page.getByTestId('activity-purpose').fill('To register product warranties bought in the United States');
    await page.getByTestId('transfer-add').click();
    await page.getByTestId('transfer-country-0').fill('US');
    await page.getByTestId('transfer-recipient-0').fill('Hoshizora America Inc.');
    await page.getByTestId('transfer-basis-0').click();
    await page.getByRole('option', { name: /equivalent measures/ }).click();
    await page.getByTestId('activity-save').click();
    await poll(pathname).toMatch(/^\/privacy\/register\/[0-9a-f-]{36}$/);
    const saved = await pageFetch<{ transfers: { country: string; basis: string }[] }>(
      page,
      `/api${pathname().replace('/privacy/register', '/processing-activities')}`,
    );
    expect(saved.body.transfers).toEqual([
      { country: 'US', recipient: 'Hoshizora America Inc.', basis: 'appi_equivalent_measures' },
    ]);
  });

  test('the privacy officer names the business partner who processes the data, picked by name', async () => {
    const page = b.page;
    const partners = await pageFetch<{ items: { id: string; nameEn: string }[] }>(page, '/api/partners?limit=1&status=active');
    const partner = partners.body.items[0]!;
    await page.getByTestId('activity-processor-add').fill(partner.nameEn.split(' ')[0]!);
    await page.getByRole('option', { name: new RegExp(partner.nameEn) }).click();
    await poll(() => page.getByTestId('activity-processors').textContent()).toContain(partner.nameEn);
    await page.getByTestId('activity-save').click();
    const api = `/api${pathname().replace('/privacy/register', '/processing-activities')}`;
    await poll(async () =>
      (await pageFetch<{ processors: { id: string }[] }>(page, api)).body.processors.map((p) => p.id),
    ).toEqual([partner.id]);
  });

  test('a person sends a request through the public form, and the officer answers it in time', async () => {
    const page = b.page;
    await page.context().clearCookies();
    await page.goto('/privacy/request');
    await page.getByTestId('public-name').fill('Emma Dubois');
    await page.getByTestId('public-contact').fill('emma@example.fr');
    await page.getByTestId('public-details').fill('Please tell me what you hold about me.');
    await page.getByTestId('public-submit').click();
    await page.getByTestId('public-request-done').waitFor();
    reference = (await page.getByTestId('public-request-reference').textContent())!;
    expect(reference).toMatch(/^PR-/);
    await signIn(page, holders.get('privacy_officer')!);
    await page.getByTestId('nav-privacy-requests').click();
    await page.getByRole('link', { name: reference }).click();
    await poll(pathname).toMatch(/^\/privacy\/requests\/[0-9a-f-]{36}$/);
    await page.getByTestId('identity-method').click();
    await page.getByRole('option', { name: 'Registered contact' }).click();
    await page.getByTestId('identity-record').click();
    await page.getByTestId('request-identity').waitFor();
    await page.getByTestId('answer-text').fill('We hold your name and e-mail address from your enquiry.');
    await page.getByTestId('answer-send').click();
    await poll(() => page.getByTestId('request-clock-status').first().textContent()).toBe('Met');
    const letter = await page.request.get((await page.getByTestId('request-letter').getAttribute('href'))!);
    expect(letter.status()).toBe(200);
    expect((await letter.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('the officer records a request received by phone at a window, with the time it was received', async () => {
    const page = b.page;
    await page.getByTestId('nav-privacy-requests').click();
    await poll(pathname).toBe('/privacy/requests');
    await page.getByTestId('request-new').click();
    await page.getByTestId('request-new-name').fill('Taro Suzuki');
    await page.getByTestId('request-new-contact').fill('03-1234-5678');
    await page.getByTestId('request-new-save').click();
    await poll(pathname).toMatch(/^\/privacy\/requests\/[0-9a-f-]{36}$/);
    const saved = await pageFetch<{ requesterName: string; status: string; channel: string }>(
      page,
      `/api${pathname().replace('/privacy/requests', '/privacy-requests')}`,
    );
    expect(saved.body).toMatchObject({ requesterName: 'Taro Suzuki', status: 'received' });
  });

  test('an incident prefilled from register entries shows its clocks', async () => {
    const page = b.page;
    await signIn(page, holders.get('security_office')!);
    const list = await pageFetch<{ items: { id: string; service: string; unitId: string }[] }>(
      page,
      '/api/processing-activities?limit=100',
    );
    const cs = list.body.items.find((i) => i.service.includes('Customer support'))!;
    const hr = list.body.items.find((i) => i.service.includes('Health checks'))!;
    entryIds.push(cs.id, hr.id);
    const incident = await pageFetch<{ id: string }>(page, '/api/incidents', {
      method: 'POST',
      csrfToken: csrf,
      body: {
        typeId: 'loss_theft',
        title: 'Support laptop stolen',
        description: 'A support engineer\u2019s laptop was stolen from a car.',
        discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
        orgUnitId: cs.unitId,
        language: 'en',
      },
    });
    expect(incident.status).toBe(201);
    const link = await pageFetch<{ facts: { personalData: boolean; dataKinds: string[] } }>(
      page,
      `/api/incidents/${incident.body.id}/processing-activities`,
      {
        method: 'PUT',
        csrfToken: csrf,
        body: { activityIds: entryIds },
      },
    );
    expect(link.status).toBe(200);
    expect(link.body.facts.dataKinds).toContain('sensitive');
    await page.goto(`/incidents/${incident.body.id}`);
    await page.getByTestId('incident-deadlines').waitFor();
    await page.getByTestId('deadline-jp-appi-preliminary').waitFor();
  });
});

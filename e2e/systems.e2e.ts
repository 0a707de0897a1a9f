/**
 * Systems (issue #23), through the web app on the demo group: the demo's EDR import shows coverage gaps on the systems
 * page; a unit asks to use a cloud service and the security office approves it for 社外秘 (internal) on a phone
 * (390 px wide); the approved register then lists it for everyone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { signInWithApi } from './demo-session';
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
});

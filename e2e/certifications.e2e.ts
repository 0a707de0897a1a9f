/**
 * A group of companies (issue #22), through the web app on the demo group: the ISO/IEC 27001 certificate's scope
 * shows on a unit it covers, and a company's incident above the holding's threshold appears on the holding CSIRT's
 * board, kept in step with the case. At phone width (390 px) for the certificate pages.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { signInWithApi } from './demo-session';
import { useOwnServer } from './own-server';

useOwnServer('certifications', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

describe('certifications and the holding board', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  const office = 'kaori.matsumoto@hoshizora.example';
  let csrf = '';
  let certId = '';
  let scopeUnit = '';

  const signIn = async (page: Page, email: string) => {
    csrf = await signInWithApi(page, email);
  };

  test('the office opens the ISO/IEC 27001 certificate on a phone and sees its units in scope', async () => {
    await b.page.setViewportSize({ width: 390, height: 844 });
    await signIn(b.page, office);
    const certs = await pageFetch<{ id: string; standard: string; scopeUnits: { id: string }[] }[]>(
      b.page,
      '/api/certifications',
    );
    const iso = certs.body.find((c) => c.standard === 'iso27001')!;
    expect(iso).toBeTruthy();
    certId = iso.id;
    scopeUnit = iso.scopeUnits[0]!.id;
    await b.page.goto('/certifications');
    await b.page.getByTestId('cert-row').first().waitFor();
    await b.page.locator(`a[href="/certifications/${certId}"]`).click();
    await poll(pathname).toBe(`/certifications/${certId}`);
    await poll(() => b.page.getByTestId('cert-title').textContent()).toContain('ISO/IEC 27001');
    await poll(() => b.page.getByTestId('cert-scope-units').locator('.mantine-Badge-root').count()).toBe(iso.scopeUnits.length);
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  test("a unit in the certificate's scope shows it on the org page", async () => {
    await b.page.setViewportSize({ width: 1280, height: 900 });
    const unit = await pageFetch<{ code: string; ancestors: { id: string }[] }>(b.page, `/api/org-units/${scopeUnit}`);
    await b.page.goto('/org');
    for (const a of unit.body.ancestors) {
      const up = await pageFetch<{ code: string }>(b.page, `/api/org-units/${a.id}`);
      await b.page.getByTestId(`org-toggle-${up.body.code}`).click();
    }
    await b.page.getByTestId(`org-node-${unit.body.code}`).click();
    const panel = b.page.getByTestId('unit-certificates');
    await panel.waitFor();
    await poll(() => panel.locator(`a[href="/certifications/${certId}"]`).count()).toBe(1);
  });

  test("a company's critical incident appears on the holding's board and follows the case", async () => {
    const reported = await pageFetch<{ id: string; number: string }>(b.page, '/api/incidents', {
      method: 'POST',
      csrfToken: csrf,
      body: {
        typeId: 'availability_loss',
        title: 'Production line control network down',
        description: 'The PLC network of line 3 stopped after a switch failure.',
        discoveredAt: new Date(Date.now() - 600_000).toISOString(),
        orgUnitId: scopeUnit,
        language: 'en',
      },
    });
    expect(reported.status).toBe(201);
    const raised = await pageFetch(b.page, `/api/incidents/${reported.body.id}`, {
      method: 'PATCH',
      csrfToken: csrf,
      body: { severity: 'critical' },
    });
    expect(raised.status).toBe(200);
    await b.page.getByTestId('nav-group-incidents').click();
    await poll(pathname).toBe('/group-incidents');
    const row = b.page.getByTestId('group-incident').filter({ hasText: reported.body.number });
    await row.waitFor();
    await poll(() => row.textContent()).toContain('Production line control network down');
    const moved = await pageFetch(b.page, `/api/incidents/${reported.body.id}`, {
      method: 'PATCH',
      csrfToken: csrf,
      body: { status: 'initial_response' },
    });
    expect(moved.status).toBe(200);
    await b.page.reload();
    await poll(() => row.locator('[data-status]').getAttribute('data-status')).toBe('initial_response');
  });
});

/**
 * The risk scenario (issue #11), through the web app: an administrator assesses a risk of a site in the browser
 * (threat from the catalogue, likelihood and impact picked by their labels, residual values and a treatment), then
 * finds it in the heat map of the register and filters the register by its cell.
 *
 * It runs on a server of its own (fresh data dir), with one administrator created by the CLI.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const password = 'Kz7!maple-lantern-R4';
const admin = { email: 'risk.admin@example.com', name: 'Risk Admin' };
const unit = { code: 'E2E-RSK-SITE', nameJa: 'E2E川崎事業所', nameEn: 'E2E Kawasaki Site' };

useOwnServer('risks', [{ ...admin, password }]);
const b = useBrowser({ sequentialScenario: true });

describe('risks scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  let csrf = '';

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await pageFetch<T>(b.page, path, { method, body, csrfToken: csrf });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  async function choose(page: Page, testId: string, label: string | RegExp, search?: string) {
    const input = page.getByTestId(testId);
    await input.click();
    if (search) await input.fill(search);
    await page.getByRole('option', { name: label }).first().click();
  }

  test('the site and the risk owner exist', async () => {
    await b.page.goto('/sign-in');
    csrf = (await call<{ csrfToken: string }>('POST', '/api/auth/sign-in', { email: admin.email, password })).csrfToken;
    const site = await call<{ id: string }>('POST', '/api/org-units', { parentId: null, kind: 'site', ...unit });
    await call('POST', '/api/people', {
      employeeNo: 'E2E-RSK-1',
      nameJa: '高橋 健',
      nameEn: 'Ken Takahashi',
      kind: 'employee',
      orgUnitId: site.id,
    });
    await pageFetch(b.page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });
  });

  test('the administrator assesses a risk in the browser and sees it in the heat map', async () => {
    const page = b.page;
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(admin.email);
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('app-title').waitFor();

    await page.getByTestId('nav-risks').click();
    await poll(pathname).toBe('/risks');
    await page.getByTestId('risks-new').click();
    await poll(pathname).toBe('/risks/new');

    await choose(page, 'risk-unit', /E2E-RSK-SITE/, 'E2E-RSK');
    await page.getByTestId('risk-title').fill('Drawings e-mailed to the wrong partner');
    await choose(page, 'risk-threat', 'Mis-sent e-mail', 'Mis-sent');
    await choose(page, 'risk-vulnerability', 'No check before sending');
    await choose(page, 'risk-inherent-likelihood', '4 Likely');
    await choose(page, 'risk-inherent-impact', '5 Severe');
    await poll(() => page.getByTestId('risk-inherent-level').getAttribute('data-level')).toBe('very_high');
    await choose(page, 'risk-residual-likelihood', '2 Unlikely');
    await choose(page, 'risk-residual-impact', '4 Major');
    await poll(() => page.getByTestId('risk-residual-level').getAttribute('data-level')).toBe('medium');
    await choose(page, 'risk-owner', /Takahashi/, 'Takahashi');
    await page.getByTestId('risk-save').click();
    await poll(pathname).toMatch(/^\/risks\/[0-9a-f-]{36}$/);

    await page.getByTestId('nav-risks').click();
    await poll(pathname).toBe('/risks');
    // residual basis by default: likelihood 2 × impact 4
    const cell = page.getByTestId('heatmap-cell-2-4');
    await poll(() => cell.innerText()).toBe('1');
    await page.getByTestId('heatmap-basis').getByText('Inherent').click();
    await poll(() => page.getByTestId('heatmap-cell-4-5').innerText()).toBe('1');
    await page.getByTestId('heatmap-cell-4-5').click();
    await page.getByTestId('risks-cell-filter').waitFor();
    await poll(() => page.getByTestId('risk-row').count()).toBe(1);
    expect(await page.getByTestId('risk-row').innerText()).toContain('Drawings e-mailed to the wrong partner');
  });
});

/**
 * ISO/SAE 21434 TARA through the web app on the demo group: the security office opens the gateway platform's TARA
 * from the navigation, sees the feasibility and risk values the server derives, adds an asset and a rated attack
 * step, and reads the method; each page is axe-clean and fits a phone-sized screen.
 */
import axe, { type AxeResults, type RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
const OFFICE = 'hina.kimura@hoshizora.example';

useOwnServer('tara', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

async function axeViolations(page: Page): Promise<string[]> {
  await page.mouse.move(page.viewportSize()!.width - 5, page.viewportSize()!.height - 5);
  await page.waitForLoadState('networkidle', { timeout: 2_500 }).catch(() => undefined);
  await page.waitForTimeout(600);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, options: RunOptions) => Promise<AxeResults> } };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  });
}
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('TARA scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

  test('the office opens the platform TARA, sees derived values and adds to it', async () => {
    const page = b.page;
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(OFFICE);
    await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('app-title').waitFor();
    await page.getByTestId('nav-tara').click();
    await page.getByTestId('tara-list-link').first().click();
    await page.getByTestId('tara-workspace').waitFor();
    await poll(() => page.getByTestId('tara-threat-row').count()).toBe(6);
    expect(await page.getByTestId('risk-value').count()).toBeGreaterThan(5);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('tara-add-asset').click();
    await page.getByTestId('tara-asset-name').fill('Ethernet switch configuration');
    await page.getByTestId('tara-asset-properties').click({ force: true });
    await page.getByRole('option').first().click();
    await page.getByTestId('tara-asset-name').click();
    await page.getByTestId('tara-asset-form-save').click();
    await poll(() => page.getByTestId('tara-assets').getByText('Ethernet switch configuration').count()).toBe(1);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('the method page shows the default figures, on a phone too', async () => {
    const page = b.page;
    await page.goto('/tara-methods');
    await page.getByTestId('tara-bands').waitFor();
    expect(await page.getByTestId('tara-bands').textContent()).toMatch(/14.*20.*25/);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

/**
 * ISO/SAE 21434 TARA through the web app on the demo group: the security office opens the gateway platform's TARA
 * from the navigation, sees the feasibility and risk values the server derives, adds an asset and a rated attack
 * step, and reads the method; each page is axe-clean and fits a phone-sized screen.
 */
import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser';
import { signInWithForm } from './demo-session';
import { axeViolations, horizontalOverflow } from './page-checks';
import { useOwnServer } from './own-server';

const OFFICE = 'hina.kimura@hoshizora.example';

useOwnServer('tara', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

describe('TARA scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

  test('the office opens the platform TARA, sees derived values and adds to it', async () => {
    const page = b.page;
    await signInWithForm(page, OFFICE);
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
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
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
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('the Annex 5 panel counts and rules out; the JSON export comes back in as a new analysis', async () => {
    const page = b.page;
    await page.goto('/tara-analyses');
    await page.getByTestId('tara-list-link').first().click();
    await page.getByTestId('tara-r155-counts').waitFor();
    const counts = async () => ((await page.getByTestId('tara-r155-counts').textContent()) ?? '').replace(/\s+/g, ' ');
    const before = await counts();
    const open = await page.getByTestId('tara-r155-row').count();
    expect(open).toBeGreaterThan(0);
    await page
      .getByTestId('tara-r155')
      .getByRole('button', { name: /Not applicable|対象外にする/ })
      .first()
      .click();
    await page.getByTestId('tara-r155-exclude').getByRole('textbox').fill('Not in this item');
    await page.getByTestId('tara-r155-exclude-save').click();
    await poll(() => page.getByTestId('tara-r155-row').count()).toBe(open - 1);
    expect(await counts()).not.toBe(before);
    expect(await axeViolations(page)).toEqual([]);

    const href = await page.getByTestId('tara-export-json').getAttribute('href');
    const doc = await (await page.request.get(href!)).body();
    expect(JSON.parse(doc.toString()).format).toBe('mamori-tara/1');
    expect((await page.request.get(href!.replace('format=json', 'format=pdf'))).headers()['content-type']).toBe(
      'application/pdf',
    );

    await page.goto('/tara-analyses');
    await page.getByTestId('tara-import-open').click();
    await page.getByTestId('tara-import-product').click();
    await page.getByRole('option', { name: /HSZ-ECU-CGW5/ }).click();
    await page
      .getByTestId('tara-import')
      .locator('input[type=file]')
      .setInputFiles({ name: 'tara.json', mimeType: 'application/json', buffer: doc });
    await page.getByTestId('tara-import-save').click();
    await page.getByTestId('tara-workspace').waitFor();
    await poll(() => page.getByTestId('tara-threat-row').count()).toBe(6);
  });
});

/**
 * IEC 62443 through the web app on the demo group: the security office opens the programmable controller's
 * assessment from the navigation, filters the 4-2 requirements by status, sees the computed SL-C, and rules a
 * requirement out (refused until it has its reason); the page is axe-clean and fits a phone-sized screen.
 */
import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser';
import { signInWithForm } from './demo-session';
import { axeViolations, horizontalOverflow } from './page-checks';
import { useOwnServer } from './own-server';

const OFFICE = 'hina.kimura@hoshizora.example';

useOwnServer('iec62443', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

describe('IEC 62443 scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

  test('the office filters the controller’s requirements, rules one out, named when the reason is missing', async () => {
    const page = b.page;
    await signInWithForm(page, OFFICE);
    await page.getByTestId('nav-iec62443').click();
    await page.getByTestId('iec62443-link').first().click();
    await page.getByTestId('iec62443-page').waitFor();
    await poll(() => page.getByTestId('iec62443-fr-row').count()).toBe(7);
    expect(await axeViolations(page)).toEqual([]);

    // only the requirements not met stay; FR4 (CR 4.1–4.3 met, its SL 3 enhancements open) shows SL-C 2
    await page
      .getByTestId('iec62443-filter')
      .getByText(/^(Not met|不適合)$/)
      .click();
    await poll(async () =>
      (await page.getByTestId('iec62443-requirement').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).every(
        (s) => s === 'not_met',
      ),
    ).toBe(true);
    expect(await page.getByTestId('iec62443-slc-4').textContent()).toBe('2');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    const card = page.locator('[data-requirement="CR 4.2 RE(1)"]');
    await page
      .getByTestId('iec62443-filter')
      .getByText(/^(All|すべて)$/)
      .click();
    await page.getByTestId('iec62443-within-target').click(); // show the SL 3 enhancements too
    await card.getByRole('button').click();
    await page.getByTestId('iec62443-status').click();
    await page.getByRole('option', { name: /^(Not applicable|適用外)$/ }).click();
    await page.getByTestId('iec62443-requirement-form-save').click();
    // refused without a reason, named on the field
    await page
      .getByTestId('iec62443-requirement-form')
      .getByText(/Give the reason|理由を入力/)
      .waitFor();
    await page.getByTestId('iec62443-reason').fill('No memory is shared between processes on this controller.');
    await page.getByTestId('iec62443-link-kind').click();
    await page.getByRole('option', { name: /^(Link|リンク)$/ }).click();
    await page.getByTestId('iec62443-link-url').fill('https://lab.hoshizora.example/reports/PLC-X1-mem');
    await page.getByRole('button', { name: /^(Add link|リンクを追加)$/ }).click();
    await poll(() => page.getByTestId('iec62443-link-row').count()).toBe(1);
    await page.getByTestId('iec62443-requirement-form-save').click();
    await poll(() => card.getAttribute('data-status')).toBe('not_applicable');
    expect(await card.getByRole('link', { name: /PLC-X1-mem/ }).count()).toBe(1);
  });
});

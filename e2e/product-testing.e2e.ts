/**
 * Testing that gates shipping (issue #21), through the web app on the demo group at phone width: the security
 * office opens the gateway's test plan, imports a fuzzer's SARIF log with a critical crash, sees the ship gate
 * block on that rule, records a retest by the same method, sees the gate pass and ships the release.
 */
import axe, { type AxeResults, type RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
const OFFICE = 'hina.kimura@hoshizora.example';

useOwnServer('product-testing', [], { demo: true });
const b = useBrowser({ sequentialScenario: true });

async function axeViolations(page: Page): Promise<string[]> {
  await page.mouse.move(page.viewportSize()!.width - 5, page.viewportSize()!.height - 5);
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

const crash = JSON.stringify({
  version: '2.1.0',
  runs: [
    {
      tool: {
        driver: { name: 'Lab protocol fuzzer', rules: [{ id: 'ETH-CRASH-09', properties: { 'security-severity': '9.1' } }] },
      },
      results: [
        {
          ruleId: 'ETH-CRASH-09',
          level: 'error',
          message: { text: 'Heap overflow in the VLAN tag parser' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'net/vlan.c' }, region: { startLine: 77 } } }],
        },
      ],
    },
  ],
});

describe('testing that gates shipping', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });
  let csrf = '';

  test('a SARIF run blocks the gate, a retest by the same method clears it, and the release ships', async () => {
    const page = b.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(OFFICE);
    await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('app-title').waitFor();
    csrf = (await pageFetch<{ csrfToken: string }>(page, '/api/me')).body.csrfToken;

    await page.goto('/test-plans');
    await page.getByTestId('test-plan-link').first().click();
    await page.getByTestId('ship-gate').waitFor();
    expect(await page.getByTestId('ship-gate').getAttribute('data-passes')).toBe('true');
    expect(await page.getByTestId('test-finding').count()).toBe(4);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await page
      .getByTestId('sarif-file')
      .setInputFiles({ name: 'fuzz.sarif', mimeType: 'application/json', buffer: Buffer.from(crash) });
    await page.getByTestId('sarif-report').waitFor();
    await poll(() => page.getByTestId('ship-gate').getAttribute('data-passes')).toBe('false');
    const rule = page.locator('[data-testid="gate-rule"][data-rule="finding_severity"]');
    expect(await rule.getAttribute('data-state')).toBe('block');
    expect(await rule.getByTestId('gate-blocking').innerText()).toContain('ETH-CRASH-09');

    const row = page.locator('[data-testid="test-finding"][data-rule="ETH-CRASH-09"]');
    await row.getByTestId('finding-retest').click();
    await page.getByTestId('finding-retest-confirm').click();
    await poll(() => row.getByTestId('test-finding-status').innerText()).toMatch(/Closed|完了/);
    await poll(() => page.getByTestId('ship-gate').getAttribute('data-passes')).toBe('true');
    // the success toast's close button is the notifications' own (checked by the sweep): wait until it has gone
    await poll(() => page.locator('.mantine-Notifications-root [role="alert"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    const plans = (await pageFetch<{ items: { productId: string; releaseId: string }[] }>(page, '/api/test-plans')).body.items;
    const { productId, releaseId } = plans[0]!;
    const shipped = await pageFetch<{ status: string }>(page, `/api/products/${productId}/releases/${releaseId}`, {
      method: 'PATCH',
      body: { status: 'shipped' },
      csrfToken: csrf,
    });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
  });
});

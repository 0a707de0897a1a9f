/**
 * Testing that gates shipping (issue #21), through the web app on the demo group at phone width: the security
 * office opens the gateway's test plan, imports a fuzzer's SARIF log with a critical crash, sees the ship gate
 * block on that rule, records a retest by the same method, sees the gate pass and ships the release.
 */
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { signInWithForm } from './demo-session';
import { axeViolations } from './page-checks';
import { useOwnServer } from './own-server';

const OFFICE = 'hina.kimura@hoshizora.example';

useOwnServer('product-testing', [], { demo: true });
const b = useBrowser({ sequentialScenario: true });

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
    csrf = await signInWithForm(page, OFFICE);

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

/**
 * Take-outs and inventories (issue #11), through the web app on the demo group: a promotion leader asks to take
 * out an asset of their department that its org head approves, the org head approves it on a phone-sized screen;
 * the security office opens an inventory campaign and an org head confirms their unit's ledger.
 *
 * The take-out half needs the demo ledger (the assets demo loader); on a server without demo assets it is
 * reported as skipped, not passed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
const OFFICE = 'kaori.matsumoto@hoshizora.example';

useOwnServer('take-outs', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

interface Assignment {
  role: string;
  userEmail: string;
  orgUnitId: string | null;
}

describe('take-outs and inventories scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  let assignments: Assignment[] = [];

  async function signIn(page: Page, email: string) {
    await page.context().clearCookies();
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(email);
    await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('app-title').waitFor();
  }

  test('the office finds the org heads and promotion leaders of the demo group', async () => {
    await signIn(b.page, OFFICE);
    const res = await pageFetch<{ items: Assignment[] }>(b.page, '/api/role-assignments?limit=500');
    expect(res.status).toBe(200);
    assignments = res.body.items;
    expect(assignments.some((a) => a.role === 'org_head')).toBe(true);
  });

  test('a promotion leader asks to take out an asset; the org head approves it on a phone', async (ctx) => {
    // a department with a leader and a head, and an asset there whose class only the org head approves
    let found: { leader: string; head: string; asset: string } | undefined;
    for (const leader of assignments.filter((a) => a.role === 'promotion_leader')) {
      const head = assignments.find((a) => a.role === 'org_head' && a.orgUnitId === leader.orgUnitId);
      if (!head) continue;
      await signIn(b.page, leader.userEmail);
      const picked = await pageFetch<{ name: string; rule: { decision: string; approvers: string[]; conditions: string[] } }[]>(
        b.page,
        '/api/take-outs/assets?limit=100',
      );
      const asset = picked.body.find((a) => a.rule.decision === 'approval' && a.rule.approvers.join() === 'org_head');
      if (asset) {
        found = { leader: leader.userEmail, head: head.userEmail, asset: asset.name };
        break;
      }
    }
    if (!found) {
      ctx.skip(); // no demo assets on this server (the ledger's demo loader is not there)
      return;
    }
    const page = b.page;
    await page.goto('/take-outs/new');
    await page.getByTestId('take-out-asset-search').fill(found.asset.slice(0, 20));
    // the demo has assets of the same name in several units: any of them in the requester's units will do
    await page.getByLabel(found.asset, { exact: true }).first().check();
    await poll(() => page.getByTestId('take-out-rule').textContent()).toMatch(/→|:|:/);
    await page.getByTestId('take-out-purpose').fill('顧客先での製品説明 / Product briefing');
    await page.getByTestId('take-out-destination').fill('青空銀行 梅田支店');
    await page.getByTestId('take-out-method').fill('BitLocker');
    await page.getByTestId('take-out-submit').click();
    await poll(() => new URL(page.url()).pathname).toMatch(/^\/take-outs\/[0-9a-f-]{36}$/);
    const path = new URL(page.url()).pathname;
    await poll(() => page.getByTestId('take-out-state').textContent()).toMatch(/承認待ち|Waiting for approval/);

    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, found.head);
    await page.goto('/take-outs');
    await page.getByTestId('take-out-link').first().waitFor();
    await page.goto(path);
    await page.getByTestId('take-out-comment').fill('気をつけて / Take care');
    await page.getByTestId('take-out-approve').click();
    await poll(() => page.getByTestId('take-out-state').textContent()).toMatch(/承認済み|Approved|持ち出し中|Out/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('the office opens an inventory campaign and an org head confirms their unit', async () => {
    const page = b.page;
    await signIn(page, OFFICE);
    await page.goto('/asset-reviews');
    await page.getByTestId('review-open').click();
    await page.getByTestId('review-title-ja').fill('E2E 棚卸');
    await page.getByTestId('review-title-en').fill('E2E inventory');
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('review-due').fill(due);
    await page.getByTestId('review-open-submit').click();
    await poll(() => new URL(page.url()).pathname).toMatch(/^\/asset-reviews\/[0-9a-f-]{36}$/);
    const path = new URL(page.url()).pathname;
    await page.getByTestId('review-progress').waitFor();

    const head = assignments.find((a) => a.role === 'org_head')!;
    await signIn(page, head.userEmail);
    await page.goto(path);
    await page.getByTestId('review-confirm-link').first().click();
    await poll(() => new URL(page.url()).pathname).toMatch(/\/units\//);
    await page.getByTestId('review-ledger').waitFor();
    await page.getByTestId('review-confirm-submit').click();
    await poll(() => new URL(page.url()).pathname).toBe(path);
    await poll(() =>
      page
        .getByTestId('review-unit-state')
        .filter({ hasText: /確認済み|Confirmed/ })
        .count(),
    ).toBeGreaterThan(0);
  });
});

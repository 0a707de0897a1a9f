/**
 * A group of companies (issue #22), through the web app on the demo group: the holding's security office changes a
 * group class rule and sees which companies it reaches (and which company's own rule is now looser, to review);
 * a company's security office sets a stricter class rule for its company on a phone-sized screen, and is told,
 * rule by rule, when a change would loosen the group's.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { signInWithForm } from './demo-session';
import { axeViolations, horizontalOverflow } from './page-checks';
import { useOwnServer } from './own-server';

const HOLDING_OFFICE = 'hina.kimura@hoshizora.example';

useOwnServer('group', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

interface Company {
  unitId: string;
  code: string;
}
interface Assignment {
  role: string;
  userEmail: string;
  orgUnitId: string | null;
}

/** Serious or critical WCAG A/AA findings of axe on the page (as the sweep checks every page). */

describe('group of companies scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  let csrf = '';
  let companies: Company[] = [];

  const signIn = async (page: Page, email: string) => {
    csrf = await signInWithForm(page, email);
  };

  test('the holding’s office tightens a group rule and sees which companies it reaches', async () => {
    const page = b.page;
    await signIn(page, HOLDING_OFFICE);
    companies = (await pageFetch<{ items: Company[] }>(page, '/api/companies')).body.items;
    expect(companies.map((c) => c.code)).toEqual(['DEMO', 'DEMO-APAC', 'DEMO-AUTO', 'DEMO-SOL']);
    // the group forbids taking "internal" information out: stricter than the overseas company's own scheme
    const scheme = await pageFetch<{ value: { classes: { code: string; rules: Record<string, object> }[] } }>(
      page,
      '/api/settings/classification',
    );
    const value = scheme.body.value;
    value.classes.find((c) => c.code === 'internal')!.rules.take_out = {
      decision: 'forbidden',
      approvers: [],
      conditions: [],
      noteJa: '',
      noteEn: '',
    };
    const saved = await pageFetch(page, '/api/settings/classification', { method: 'PUT', body: value, csrfToken: csrf });
    expect(saved.status).toBe(200);

    await page.getByTestId('nav-companies').click();
    await page.getByTestId('company-card').first().waitFor();
    expect(await page.getByTestId('company-card').count()).toBe(4);
    await page.getByTestId('reach-table').waitFor();
    await poll(() => page.getByTestId('reach-reached').count()).toBe(1);
    expect(await page.getByTestId('reach-own').count()).toBe(3);
    // the companies with their own scheme keep it; each one still allowing what the group now forbids is flagged
    await poll(() => page.getByTestId('reach-looser').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('a company’s office sets a stricter class rule on a phone, and a looser one is refused rule by rule', async () => {
    const page = b.page;
    const auto = companies.find((c) => c.code === 'DEMO-AUTO')!;
    const roles = await pageFetch<{ items: Assignment[] }>(page, '/api/role-assignments?limit=500');
    const office = roles.body.items.find((a) => a.role === 'security_office' && a.orgUnitId === auto.unitId)!;
    await signIn(page, office.userEmail);
    await page.setViewportSize({ width: 390, height: 844 });
    // the company office sees its own company only
    await page.goto('/companies');
    await poll(() => page.getByTestId('company-card').count()).toBe(1);
    await page.getByTestId('company-link').click();
    await poll(() => new URL(page.url()).pathname).toBe(`/companies/${auto.unitId}`);
    const card = page.getByTestId('setting-assets.classification');
    await card.waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    expect(await axeViolations(page)).toEqual([]);
    // the demo account reads Japanese or English: the rule's label is the action in that language and the class's English name
    const choose = async (labels: string[], decision: RegExp) => {
      await card.locator(labels.map((l) => `input[aria-label="${l}"]`).join(', ')).click();
      await page.getByRole('option', { name: decision }).click();
    };
    // stricter: disposing of internal information is forbidden; but the scheme still lets "internal" be taken out,
    // which the group has just forbidden: refused, with that rule named, nothing saved
    await card.getByTestId('classification-edit').click();
    await choose(['Dispose Internal use only', '廃棄 Internal use only'], /^(Forbidden|禁止)$/);
    await card.getByTestId('classification-save').click();
    await card.getByTestId('classification-looser').waitFor();
    expect(await card.getByTestId('classification-looser').textContent()).toMatch(/take_out\.decision/);
    // the company follows the group's new rule too, and saves
    await choose(['Take out Internal use only', '持ち出し Internal use only'], /^(Forbidden|禁止)$/);
    await card.getByTestId('classification-save').click();
    const internalRule = async (action: 'dispose' | 'take_out') => {
      const s = await pageFetch<{
        items: { key: string; value: { classes: { code: string; rules: Record<string, { decision: string }> }[] } }[];
      }>(page, `/api/companies/${auto.unitId}/settings`);
      const scheme = s.body.items.find((i) => i.key === 'assets.classification')!.value;
      return scheme.classes.find((c) => c.code === 'internal')!.rules[action]!.decision;
    };
    await poll(() => internalRule('dispose')).toBe('forbidden');
    expect(await internalRule('take_out')).toBe('forbidden');
    await card.getByTestId('classification-edit').waitFor();
  });
});

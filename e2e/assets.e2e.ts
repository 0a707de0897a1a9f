/**
 * The asset ledger (issue #11), through the web app: the security office opens an asset, sets its class, imports a
 * small CSV of assets for the site and finds them in the ledger.
 *
 * On a server of its own (fresh data dir): two administrators (four eyes) make the office's account.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const password = 'Kz7!cedar-lantern-P4';
const admin = { email: 'assets.admin@example.com', name: 'Assets Admin' };
const approver = { email: 'assets.approver@example.com', name: 'Assets Approver' };
const office = { email: 'jimukyoku@example.com', nameJa: '事務局 花子', nameEn: 'Hanako Office', no: 'E2E-AST-1' };
const unit = { code: 'E2E-AST-SITE', nameJa: 'E2E名古屋工場', nameEn: 'E2E Nagoya Plant' };

useOwnServer(
  'assets',
  [admin, approver].map((a) => ({ ...a, password })),
);
const b = useBrowser({ sequentialScenario: true });

describe('assets scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  let csrf = '';
  let assetId = '';

  async function call<T>(method: string, path: string, body?: unknown, expected = [200, 201]): Promise<T> {
    const res = await pageFetch<T>(b.page, path, { method, body, csrfToken: csrf });
    if (!expected.includes(res.status)) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  async function apiSignIn(email: string) {
    await pageFetch(b.page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });
    csrf = (await call<{ csrfToken: string }>('POST', '/api/auth/sign-in', { email, password })).csrfToken;
  }
  async function uiSignIn(page: Page, email: string) {
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(email);
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('app-title').waitFor();
  }

  test('the organisation, the office account and one asset, through the API', async () => {
    await b.page.goto('/sign-in');
    await apiSignIn(admin.email);
    const site = await call<{ id: string }>('POST', '/api/org-units', { parentId: null, kind: 'site', ...unit });
    const person = await call<{ id: string }>('POST', '/api/people', {
      employeeNo: office.no,
      nameJa: office.nameJa,
      nameEn: office.nameEn,
      email: office.email,
      kind: 'employee',
      orgUnitId: site.id,
    });
    const req = await call<{ id: string }>('POST', '/api/account-requests', {
      personId: person.id,
      email: office.email,
      reason: 'e2e',
    });
    await apiSignIn(approver.email);
    const approved = await call<{ accountId: string; activationUrl: string }>(
      'POST',
      `/api/account-requests/${req.id}/approve`,
      {},
    );
    await call('POST', '/api/activate', { token: new URL(approved.activationUrl).searchParams.get('token'), password });
    await call('POST', '/api/role-assignments', { userId: approved.accountId, role: 'security_office', orgUnitId: null });
    const asset = await call<{ id: string }>('POST', '/api/assets', {
      unitId: site.id,
      name: '設計図面 / Design drawings',
      kind: 'paper',
      ownerId: person.id,
      classCode: 'internal',
      confidentiality: 2,
      integrity: 2,
      availability: 1,
    });
    assetId = asset.id;
    await pageFetch(b.page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });
  });

  test('the office sets the class of an asset on its page', async () => {
    const page = b.page;
    await uiSignIn(page, office.email);
    await page.getByTestId('nav-assets').click();
    await poll(pathname).toBe('/assets');
    await page.getByTestId('asset-link').first().click();
    await poll(pathname).toBe(`/assets/${assetId}`);
    await page.getByTestId('asset-edit').click();
    await page.getByTestId('asset-class').click();
    await page
      .getByRole('option', { name: /Confidential|秘/ })
      .first()
      .click();
    await page.getByTestId('asset-save').click();
    await poll(() => page.getByTestId('asset-page').getByTestId('class-badge').first().getAttribute('data-class')).toMatch(
      /confidential/,
    );
  });

  test('the office imports a small CSV of assets for the site and sees them in the ledger', async () => {
    const page = b.page;
    await page.getByTestId('nav-assets').click();
    await poll(pathname).toBe('/assets');
    const filter = page.getByTestId('assets-unit-filter');
    await filter.click();
    await filter.fill('E2E-AST');
    await page
      .getByRole('option', { name: /E2E-AST-SITE/ })
      .first()
      .click();
    await page.getByTestId('assets-import-open').click();
    const csv = [
      'unit_code,name,kind,owner,class,confidentiality,integrity,availability,personal_data',
      `${unit.code},顧客名簿 / Customer list,electronic,${office.no},秘,3,2,2,はい`,
      `${unit.code},生産計画 / Production plan,electronic,${office.no},社外秘,2,3,3,いいえ`,
    ].join('\n');
    await page
      .getByTestId('assets-import')
      .locator('input[type=file]')
      .setInputFiles({ name: 'assets.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('assets-import-submit').click();
    await page.getByTestId('assets-import-result').waitFor();
    await page.keyboard.press('Escape');
    await poll(async () => (await page.getByTestId('asset-row').all()).length).toBe(3);
    await expect(page.getByTestId('assets-table')).toBeDefined();
    const names = await page.getByTestId('asset-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
    expect(names).toEqual(expect.arrayContaining(['顧客名簿 / Customer list', '生産計画 / Production plan']));
  });
});

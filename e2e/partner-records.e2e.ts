/**
 * The partner records and reopen requests, through the web app: a partner user asks to reopen a submitted
 * check sheet; the office refuses (the partner sees why), the partner asks again, the office approves from
 * the dashboard's pending list; the partner corrects and resubmits, and the earlier score stays in the history.
 * Then the office records an exchange of confidential information with the new form and its return.
 *
 * A server of its own (fresh data dir); the first administrator is set up from the page, as in partners.e2e.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const password = 'Kz7!maple-lantern-R4';
const admin = { email: 'records.admin@example.com', name: 'Records Office Admin' };
const partnerUser = { email: 'sato@molds.example.jp', name: '佐藤 花子' };
const partnerName = { nameJa: '北陸金型株式会社', nameEn: 'Hokuriku Molds' };
const campaignName = 'FY2026 reopen check';

useOwnServer('partner-records');
const b = useBrowser({ sequentialScenario: true });

interface Assessment {
  id: string;
  status: string;
  score: number | null;
  items: { requirementId: string }[];
  history: { score: number | null }[];
  reopenRequests: { status: string; decisionReason: string | null }[];
}

describe('partner reopen requests and the exchange log', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  let csrf = '';
  let partnerId = '';
  let assessmentId = '';

  async function call<T>(method: string, path: string, body?: unknown, expected = [200, 201]): Promise<T> {
    const res = await pageFetch<T>(b.page, path, { method, body, csrfToken: csrf });
    if (!expected.includes(res.status)) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const sheet = () => call<Assessment>('GET', `/api/partner-assessments/${assessmentId}`);
  async function signIn(page: Page, email: string) {
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(email);
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-menu').waitFor();
    csrf = (await call<{ csrfToken: string }>('GET', '/api/me')).csrfToken;
  }
  async function signOut(page: Page) {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await poll(pathname).toBe('/sign-in');
  }

  test('setup: a partner, its portal user, a campaign; the partner submits a weak check sheet', async () => {
    await b.page.goto('/setup');
    csrf = (await call<{ csrfToken: string }>('POST', '/api/setup', { ...admin, password })).csrfToken;
    partnerId = (
      await call<{ id: string }>('POST', '/api/partners', {
        ...partnerName,
        country: 'JP',
        shares: { papers: true, digitized: false, embodiments: true, knowHow: false, strictlyConfidential: false },
      })
    ).id;
    const invited = await call<{ activationUrl: string }>('POST', `/api/partners/${partnerId}/users`, {
      ...partnerUser,
      language: 'ja',
    });
    await call('POST', '/api/activate', { token: new URL(invited.activationUrl).searchParams.get('token'), password });
    await call('POST', '/api/partner-campaigns', { name: campaignName, dueOn: '2099-12-31', partnerIds: [partnerId] });
    await pageFetch(b.page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });

    await signIn(b.page, partnerUser.email);
    const [mine] = (await call<{ items: { id: string }[] }>('GET', '/api/partner-assessments')).items;
    assessmentId = mine!.id;
    const answers = (await sheet()).items.map((i) => ({ requirementId: i.requirementId, value: 'partly' }));
    await call('PUT', `/api/partner-assessments/${assessmentId}/answers`, { answers });
    const submitted = await call<Assessment>('POST', `/api/partner-assessments/${assessmentId}/submit`);
    expect(submitted.score).toBe(50);
  });

  test('the partner asks to reopen it, giving the reason', async () => {
    const page = b.page;
    await page.goto(`/portal/assessments/${assessmentId}`);
    await page.getByTestId('reopen-ask-reason').fill('1-1 の回答を誤って「一部実施」としました。訂正させてください。');
    await page.getByTestId('reopen-ask-submit').click();
    await page.getByTestId('reopen-pending-note').waitFor();
    expect(await page.getByTestId('reopen-status').first().getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId('reopen-ask-submit').count()).toBe(0);
    await signOut(page);
  });

  test('the office sees it on the dashboard and refuses it with a reason', async () => {
    const page = b.page;
    await signIn(page, admin.email);
    await page.goto('/partners/dashboard');
    const row = page.getByTestId('dash-reopen-request');
    await poll(() => row.count()).toBe(1);
    await row.getByTestId('dash-reopen-link').click();
    await poll(pathname).toBe(`/partner-assessments/${assessmentId}`);
    expect(await page.getByTestId('reopen-pending-reason').innerText()).toContain('1-1 の回答');
    await page.getByTestId('reopen-decision-note').fill('改善要請への回答で訂正内容をお知らせください。');
    await page.getByTestId('reopen-refuse').click();
    await poll(() => page.getByTestId('reopen-decision-card').count()).toBe(0);
    expect(await page.locator('[data-testid="reopen-request"][data-status="refused"]').count()).toBe(1);
    expect((await sheet()).status).toBe('submitted');
    await signOut(page);
  });

  test('the partner sees the refusal and its reason, and asks again', async () => {
    const page = b.page;
    await signIn(page, partnerUser.email);
    await page.goto(`/portal/assessments/${assessmentId}`);
    const refused = page.locator('[data-testid="reopen-request"][data-status="refused"]');
    await refused.waitFor();
    expect(await refused.getByTestId('reopen-decision').innerText()).toContain('改善要請への回答で訂正内容を');
    await page.getByTestId('reopen-ask-reason').fill('評価対象の拠点を誤っていました。全項目を見直します。');
    await page.getByTestId('reopen-ask-submit').click();
    await page.getByTestId('reopen-pending-note').waitFor();
    await signOut(page);
  });

  test('the office approves it from the review page', async () => {
    const page = b.page;
    await signIn(page, admin.email);
    await page.goto(`/partner-assessments/${assessmentId}`);
    await page.getByTestId('reopen-decision-card').waitFor();
    await page.getByTestId('reopen-approve').click();
    await poll(() => page.getByTestId('status').first().getAttribute('data-status')).toBe('reopened');
    expect(await page.getByTestId('history-score').innerText()).toBe('50.0');
    await signOut(page);
  });

  test('the partner corrects an answer and resubmits; the earlier score stays in the history', async () => {
    const page = b.page;
    await signIn(page, partnerUser.email);
    await page.goto(`/portal/assessments/${assessmentId}`);
    await poll(() => page.getByTestId('status').first().getAttribute('data-status')).toBe('reopened');
    for (const { requirementId } of (await sheet()).items.slice(0, 5))
      await page.getByTestId(`answer-${requirementId}-implemented`).check({ force: true });
    await page.getByTestId('answers-submit').click();
    await page.getByTestId('answers-submit-confirm-confirm').click();
    await poll(() => page.getByTestId('status').first().getAttribute('data-status')).toBe('submitted');
    const after = await sheet();
    expect(after.score).toBeGreaterThan(50);
    expect(after.history.map((h) => h.score)).toEqual([50]);
    expect(after.reopenRequests.map((r) => r.status)).toEqual(['approved', 'refused']);
    expect(await page.getByTestId('history-row').count()).toBe(1);
    await signOut(page);
  });

  test('the office records an exchange with the form, then its return', async () => {
    const page = b.page;
    await signIn(page, admin.email);
    await call('POST', `/api/partners/${partnerId}/subcontractors`, { name: '未通知の再委託先', country: 'JP', work: '研磨' });
    await page.goto(`/partners/${partnerId}`);
    await page.getByTestId('partner-tab-logs').click();
    await page.getByTestId('exchange-add').click();
    await page.getByTestId('exchange-kind').click();
    await page.getByRole('option').nth(2).click(); // molds and prototypes
    await page.getByTestId('exchange-description').fill('試作金型 A-123 一式');
    await page.getByTestId('exchange-method').fill('社用車で搬送');
    await page.getByTestId('exchange-approved-by').fill('生産技術部長 山本');
    await page.getByTestId('exchange-occurred-on').fill('2026-04-01');
    await page.getByTestId('exchange-return-due').fill('2026-09-30');
    // To a sub-contractor whose prior written notice is not recorded: refused (2-8-1), nothing recorded.
    await page.getByTestId('exchange-sub').click();
    await page.getByRole('option', { name: /未通知の再委託先/ }).click();
    await page.getByTestId('exchange-submit').click();
    expect(await page.getByTestId('exchange-form').getByTestId('problem').innerText()).toContain('2-8-1');
    expect(await call<unknown[]>('GET', `/api/partners/${partnerId}/exchanges`)).toEqual([]);
    await page.getByTestId('exchange-sub').click();
    await page.getByRole('option', { name: /未通知の再委託先/ }).click(); // picking it again clears it
    await page.getByTestId('exchange-submit').click();
    const row = page.getByTestId('exchange-row');
    await poll(() => row.count()).toBe(1);
    const [recorded] = await call<{ form: string; returnDueOn: string; approvedBy: string }[]>(
      'GET',
      `/api/partners/${partnerId}/exchanges`,
    );
    expect(recorded).toMatchObject({ form: 'embodiment', returnDueOn: '2026-09-30', approvedBy: '生産技術部長 山本' });

    await row.getByTestId('exchange-settle').click();
    await page.getByTestId('settle-date').fill('2026-09-20');
    await page.getByTestId('settle-note').fill('受領時に員数確認済み');
    await page.getByTestId('settle-submit').click();
    await poll(() => row.getByTestId('exchange-settled').count()).toBe(1);
    const [settled] = await call<{ settlement: string; settledOn: string }[]>('GET', `/api/partners/${partnerId}/exchanges`);
    expect(settled).toMatchObject({ settlement: 'returned', settledOn: '2026-09-20' });
    expect(await row.getByTestId('exchange-settle').count()).toBe(0);
  });
});

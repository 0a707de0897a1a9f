/**
 * The partner programme scenario, through the web app: the security office starts a campaign, a partner
 * user answers in Japanese, uploads the XLSX check sheet for the rest (a refused workbook first, to see the
 * per-row report), submits, gets improvement requests, answers one, and the office accepts it.
 *
 * It runs on a server of its own (fresh data dir): the shared e2e server belongs to the platform scenario,
 * which creates the first administrator itself. Here the first administrator is set up from the page
 * (POST /api/setup); the system administrator holds the partner office actions.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const password = 'Kz7!maple-lantern-R4';
const admin = { email: 'partners.admin@example.com', name: 'Partner Office Admin' };
const partnerUser = { email: 'yamada@supplier.example.jp', name: '山田 一郎' };
const partnerName = { nameJa: '東海精密工業株式会社', nameEn: 'Tokai Precision Industries' };
const campaignName = 'FY2026 partner check';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

useOwnServer('partners');
const b = useBrowser({ sequentialScenario: true });

interface Item {
  requirementId: string;
  value: string | null;
}
interface Assessment {
  id: string;
  status: string;
  answered: number;
  total: number;
  score: number | null;
  passed: boolean | null;
  items: Item[];
}

describe('partner programme scenario', () => {
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
  async function uiSignIn(page: Page, email: string) {
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(email);
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-menu').waitFor();
    csrf = (await call<{ csrfToken: string }>('GET', '/api/me')).csrfToken;
  }
  async function uiSignOut(page: Page) {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await poll(pathname).toBe('/sign-in');
  }
  async function upload(page: Page, wb: ExcelJS.Workbook) {
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByTestId('check-sheet-file').setInputFiles({ name: 'check-sheet.xlsx', mimeType: XLSX, buffer });
  }

  test('setup from the page, then a partner and its portal user through the API', async () => {
    await b.page.goto('/setup');
    csrf = (await call<{ csrfToken: string }>('POST', '/api/setup', { ...admin, password })).csrfToken;
    const partner = await call<{ id: string; tier: string }>('POST', '/api/partners', {
      ...partnerName,
      country: 'JP',
      shares: { papers: true, digitized: true, embodiments: false, knowHow: false, strictlyConfidential: false },
      sharedInformation: '図面データ',
      contacts: [{ name: '山田 一郎', email: partnerUser.email, role: 'security' }],
    });
    expect(partner.tier).toBe('medium');
    partnerId = partner.id;
    const invited = await call<{ activationUrl: string }>('POST', `/api/partners/${partnerId}/users`, {
      ...partnerUser,
      language: 'ja',
    });
    const token = new URL(invited.activationUrl).searchParams.get('token');
    await call('POST', '/api/activate', { token, password });
    await pageFetch(b.page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });
  });

  test('the security office starts a campaign for the partner', async () => {
    const page = b.page;
    await uiSignIn(page, admin.email);
    await page.getByTestId('nav-partners').click();
    await page.getByTestId('partner-row').filter({ hasText: partnerName.nameEn }).waitFor();
    await page.getByTestId('nav-partner-campaigns').click();
    await poll(pathname).toBe('/partner-campaigns');
    await page.getByTestId('campaign-name').fill(campaignName);
    const picker = page.getByTestId('campaign-partners');
    await picker.click();
    await picker.fill('Tokai');
    await page.getByRole('option', { name: partnerName.nameEn }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('campaign-submit').click();
    const row = page.locator(`[data-testid="campaign-row"][data-name="${campaignName}"]`);
    await poll(() => row.getByTestId('campaign-progress').innerText()).toBe('0 / 1');
    // the campaign's own page lists who has not submitted, and reminds them
    await row.getByRole('link', { name: campaignName }).click();
    await page.locator('[data-testid="campaign-sheet"][data-status="draft"]').waitFor();
    await page.getByTestId('campaign-remind').click();
    type Events = { items: { after: { manual?: boolean } | null }[] };
    const manual = async () =>
      (await call<Events>('GET', '/api/audit-events?action=partner_assessment.remind')).items.filter((e) => e.after?.manual)
        .length;
    await poll(manual).toBe(1);
    await uiSignOut(page);
  });

  test('the partner user answers in Japanese on screen and saves a draft', async () => {
    const page = b.page;
    await uiSignIn(page, partnerUser.email);
    // A partner account sees only the portal.
    await page.getByTestId('nav-portal').waitFor();
    expect(await page.getByTestId('nav-partners').count()).toBe(0);
    await page.getByTestId('nav-portal').click();
    await page.getByTestId('portal-assessment-link').filter({ hasText: campaignName }).click();
    await poll(() => page.getByTestId('assessment-title').innerText()).toBe(campaignName);
    assessmentId = pathname().split('/').pop()!;
    expect(await page.getByTestId('answers-save').innerText()).toBe('下書き保存');

    const a = await call<Assessment>('GET', `/api/partner-assessments/${assessmentId}`);
    const first = a.items.slice(0, 3).map((i) => i.requirementId);
    for (const rid of first) await page.getByTestId(`answer-${rid}-implemented`).check({ force: true });
    await page.getByTestId(`comment-${first[0]}`).fill('情報セキュリティ委員会を毎月開催しています。');
    await page.getByTestId('answers-save').click();
    await poll(async () => (await call<Assessment>('GET', `/api/partner-assessments/${assessmentId}`)).answered).toBe(3);
    await poll(() => page.getByTestId('answers-dirty').count()).toBe(0);
  });

  test('the partner downloads the XLSX, a bad row is refused with a per-row report, the filled sheet is applied', async () => {
    const page = b.page;
    const href = await page.getByTestId('check-sheet-download').getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    const bytes = await res.body();

    const bad = new ExcelJS.Workbook();
    await bad.xlsx.load(bytes as unknown as ArrayBuffer);
    bad.worksheets[0]!.getRow(2).getCell(4).value = 'たぶん';
    await upload(page, bad);
    await page.getByTestId('check-sheet-errors').waitFor();
    expect(await page.getByTestId('check-sheet-error').first().innerText()).toContain('row 2.answer');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    let n = 0;
    sheet.eachRow((row, i) => {
      if (i === 1 || row.getCell(4).text) return; // header, or answered on screen already
      // Every other requirement not implemented: the score falls below the tier's pass mark.
      row.getCell(4).value = n++ % 2 === 0 ? '実施していない' : '実施している';
    });
    expect(n).toBeGreaterThan(10);
    await upload(page, wb);
    await page.getByTestId('check-sheet-applied').waitFor();
    await poll(async () => {
      const a = await call<Assessment>('GET', `/api/partner-assessments/${assessmentId}`);
      return a.answered === a.total;
    }).toBe(true);
  });

  test('the partner submits and gets improvement requests', async () => {
    const page = b.page;
    await page.getByTestId('answers-submit').click();
    // the confirmation sums up what the office will see before the sheet can no longer be changed
    await page.getByTestId('confirm-not-implemented').waitFor();
    await page.getByTestId('answers-submit-confirm-confirm').click();
    await poll(() => page.getByTestId('status').first().getAttribute('data-status')).toBe('submitted');
    await page.getByTestId('fail-reason').waitFor();
    const a = await call<Assessment>('GET', `/api/partner-assessments/${assessmentId}`);
    expect(a.passed).toBe(false);
    expect(a.score).toBeLessThan(70);
    const irs = await call<{ items: { status: string }[] }>('GET', `/api/improvement-requests?assessmentId=${assessmentId}`);
    expect(irs.items.length).toBeGreaterThan(0);
  });

  test('the partner answers an improvement request with a plan', async () => {
    const page = b.page;
    await page.getByTestId('nav-portal-improvements').click();
    await poll(pathname).toBe('/portal/improvements');
    const row = page.locator('[data-testid="ir-row"][data-status="open"]').first();
    const requirement = await row.getAttribute('data-requirement');
    await row.getByTestId('ir-plan').fill('2026年9月末までに手順書を整備し、全従業員に教育を実施します。');
    await row.getByTestId('ir-answer-submit').click();
    await poll(async () => {
      const list = await call<{ items: { requirementId: string; status: string }[] }>(
        'GET',
        `/api/improvement-requests?assessmentId=${assessmentId}&status=answered`,
      );
      return list.items.map((i) => i.requirementId);
    }).toEqual([requirement]);
    await uiSignOut(page);
  });

  test('the office accepts the answer', async () => {
    const page = b.page;
    await uiSignIn(page, admin.email);
    await page.getByTestId('nav-improvement-requests').click();
    await poll(pathname).toBe('/improvement-requests');
    const row = page.locator('[data-testid="ir-row"][data-status="answered"]');
    await poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('ir-plan-text').innerText()).toContain('手順書を整備');
    await row.getByTestId('ir-comment').fill('Plan accepted; we will check at the next visit.');
    await row.getByTestId('ir-accept').click();
    await poll(async () => {
      const list = await call<{ items: { status: string }[] }>(
        'GET',
        `/api/improvement-requests?assessmentId=${assessmentId}&status=accepted`,
      );
      return list.items.length;
    }).toBe(1);
    await poll(() => row.count()).toBe(0);
    // The office's review page shows the scores of the submitted check sheet.
    await page.goto(`/partner-assessments/${assessmentId}`);
    await poll(() => page.getByTestId('review-threshold').innerText()).toBe('70');
  });
});

/**
 * The targeted-mail drill scenario (issue #13), through the web app: an administrator (drills:manage) designs a
 * drill in the designer, starts it, Mamori sends the mails to a real SMTP sink this test starts, a recipient opens
 * the link in the browser and sees the landing page, and the drill's results show the click.
 *
 * On a server of its own whose MAMORI_SMTP_URL points at the sink (the hook that starts the sink runs before the
 * server's, so the URL is in `env` when the server starts).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSmtpSink, tokenIn } from '../apps/server/src/modules/training/drills/smtp-sink';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const password = 'Kz7!harbour-signal-D9';
const admin = { email: 'drills.admin@example.com', name: 'Drills Admin' };
const env: Record<string, string> = {};
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  env.MAMORI_SMTP_URL = sink.url;
});
afterAll(() => sink?.close());
useOwnServer('drills', [{ ...admin, password }], { env });
const b = useBrowser({ sequentialScenario: true });

describe('drill scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout, interval: 200 });
  const pathname = () => new URL(b.page.url()).pathname;
  let csrf = '';
  let drillId = '';

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await pageFetch<T>(b.page, path, { method, body, csrfToken: csrf });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  test('an organisation of six people with mail addresses, through the API', async () => {
    await b.page.goto('/sign-in');
    csrf = (await call<{ csrfToken: string }>('POST', '/api/auth/sign-in', { email: admin.email, password })).csrfToken;
    await call('PATCH', '/api/me', { language: 'en' });
    // drills belong to the security office (an administrator alone sees no one's result): the admin joins it
    const me = await call<{ user: { id: string } }>('GET', '/api/me');
    await call('POST', '/api/role-assignments', { userId: me.user.id, role: 'security_office', orgUnitId: null });
    const site = await call<{ id: string }>('POST', '/api/org-units', {
      parentId: null,
      kind: 'site',
      code: 'E2E-DRL',
      nameJa: 'E2E訓練工場',
      nameEn: 'E2E Drill Plant',
    });
    for (let i = 1; i <= 6; i++)
      await call('POST', '/api/people', {
        employeeNo: `E2E-DRL-${i}`,
        nameJa: `訓練 太郎${i}`,
        nameEn: `Taro Drill ${i}`,
        email: `drill${i}@example.com`,
        kind: 'employee',
        orgUnitId: site.id,
      });
  });

  test('the office designs the drill, previews it and starts it; the mails reach the SMTP sink', async () => {
    const page = b.page;
    await page.goto('/');
    await page.getByTestId('nav-drills').waitFor();
    await page.goto('/drills');
    await page.getByTestId('drill-new').click();
    await poll(pathname).toBe('/drills/new');
    await page.getByTestId('drill-name').fill('E2E drill');
    // started an hour ago over one hour: every mail is due at once
    const start = await page.evaluate(() => {
      const d = new Date(Date.now() - 3600_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    await page.getByTestId('drill-start').fill(start);
    await page.getByTestId('drill-hours').fill('1');
    for (const lang of ['ja', 'en']) {
      await page.getByTestId(`drill-sender-${lang}`).fill(lang === 'ja' ? '総務部' : 'General Affairs');
      await page.getByTestId(`drill-subject-${lang}`).fill(lang === 'ja' ? '健康診断の再予約' : 'Rebook your health check');
    }
    await page.getByTestId('drill-preview-button').click();
    await page.getByTestId('drill-preview').getByText('6 recipients').waitFor();
    await page.getByTestId('drill-save').click();
    await poll(pathname).toMatch(/^\/drills\/[0-9a-f-]{36}$/);
    drillId = pathname().split('/').pop()!;
    await page.getByTestId('drill-queue').click();
    await poll(() => sink.mails.filter((m) => m.raw.includes('/api/drill-links/c/')).length, 30_000).toBe(6);
    await poll(async () => (await call<{ status: string }>('GET', `/api/drills/${drillId}`)).status).toBe('done');
  });

  test('a recipient clicks the link in the browser and sees the landing page', async () => {
    const mail = sink.mails.find((m) => m.to.includes('drill3@example.com'))!;
    const url = new RegExp(`https?://[^\\s"<>]+/api/drill-links/c/${tokenIn(mail.raw)}\\?l=ja`).exec(mail.raw)![0];
    // a click in the first seconds after delivery is a mail gateway's, not a person's: wait past that window
    await new Promise((r) => setTimeout(r, 11_000));
    // headless Chromium says "HeadlessChrome" in its user agent, which the drill rightly takes for a scanner:
    // the recipient's browser sends an ordinary desktop one
    const other = await b.browser.newPage();
    await other.route('**/*', (route) =>
      route.continue({
        headers: {
          ...route.request().headers(),
          'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36',
        },
      }),
    );
    await other.goto(url);
    await other.getByRole('heading', { name: 'これは標的型攻撃メール訓練です' }).waitFor();
    await other.close();
  });

  test('the results show the click: one of six, in the total row', async () => {
    const page = b.page;
    await page.goto(`/drills/${drillId}`);
    await page.getByTestId('drill-results').waitFor();
    await poll(() => page.getByTestId('drill-total-click').textContent()).toContain('16.7%');
    await page.getByTestId('drill-people').getByText('Taro Drill 3').waitFor();
  });
});

/**
 * The incidents scenario (issue #4), through the web app: an employee reports a lost laptop with customer
 * personal data, the office works the case through to closure, the deadlines are shown and met, the
 * statistics count it.
 *
 * It runs on a server of its own (fresh data dir, started here): the shared e2e server belongs to the
 * platform scenario, which expects to create the first administrator itself. Accounts are made the way an
 * organisation makes them — request, approval by someone else (four eyes), activation — so two
 * administrators are created with the CLI before the server starts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const password = 'Kz7!tulip-harbor-Q9';
const admin = { email: 'inc.admin@example.com', name: 'Incident Admin' };
const approver = { email: 'inc.approver@example.com', name: 'Incident Approver' };
const employee = { email: 'hanako.sato@example.com', nameJa: '佐藤 花子', nameEn: 'Hanako Sato', no: 'E2E-INC-1' };
const office = { email: 'taro.office@example.com', nameJa: '事務局 太郎', nameEn: 'Taro Office', no: 'E2E-INC-2' };
const unit = { code: 'E2E-INC-SITE', nameJa: 'E2E横浜事業所', nameEn: 'E2E Yokohama Site' };

useOwnServer(
  'incidents',
  [admin, approver].map((a) => ({ ...a, password })),
);
const b = useBrowser({ sequentialScenario: true });

describe('incidents scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  let csrf = '';
  let incident: { id: string; number: string } | undefined;

  /** An API call from the page with the session's CSRF token; fails the test on an unexpected status. */
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
    await page.getByTestId('app-title').waitFor(); // the shell is up (the user menu itself folds into the navbar on a phone)
  }
  async function uiSignOut(page: Page) {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await poll(pathname).toBe('/sign-in');
  }
  /** Picks an option of a Mantine Select / MultiSelect by its visible label. */
  async function choose(page: Page, testId: string, label: string | RegExp, search?: string) {
    const input = page.getByTestId(testId);
    await input.click();
    if (search) await input.fill(search);
    await page.getByRole('option', { name: label }).first().click();
  }

  test('the organisation: a site, an employee and a security office member, through the API', async () => {
    await b.page.goto('/sign-in');
    await apiSignIn(admin.email);
    const site = await call<{ id: string }>('POST', '/api/org-units', { parentId: null, kind: 'site', ...unit });
    const requests: string[] = [];
    for (const p of [employee, office]) {
      const person = await call<{ id: string }>('POST', '/api/people', {
        employeeNo: p.no,
        nameJa: p.nameJa,
        nameEn: p.nameEn,
        email: p.email,
        kind: 'employee',
        orgUnitId: site.id,
      });
      const req = await call<{ id: string }>('POST', '/api/account-requests', {
        personId: person.id,
        email: p.email,
        reason: 'e2e',
      });
      requests.push(req.id);
    }
    // Four eyes: the other administrator approves; each approval makes an employee account of the unit.
    await apiSignIn(approver.email);
    const accounts: string[] = [];
    for (const id of requests) {
      const approved = await call<{ accountId: string; activationUrl: string }>(
        'POST',
        `/api/account-requests/${id}/approve`,
        {},
      );
      const token = new URL(approved.activationUrl).searchParams.get('token');
      await call('POST', '/api/activate', { token, password });
      accounts.push(approved.accountId);
    }
    await call('POST', '/api/role-assignments', { userId: accounts[1], role: 'security_office', orgUnitId: null });
    await pageFetch(b.page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });
  });

  test('the employee reports a lost laptop with the personal data of 1,200 customers in Japan', async () => {
    const page = b.page;
    await uiSignIn(page, employee.email);
    await page.getByTestId('nav-incidents').click();
    await poll(pathname).toBe('/incidents');
    await page.getByTestId('incidents-report-link').click();
    await poll(pathname).toBe('/incidents/report');

    await page.getByTestId('report-title').fill('Laptop lost on the train');
    await page
      .getByTestId('report-description')
      .fill('I left my company laptop on the Tokaido line; the customer list was on it.');
    await choose(page, 'report-type', /Loss or theft/);
    await page.getByTestId('report-location').fill('JR Tokaido line, Yokohama');
    await page.getByTestId('report-information').fill('Customer list (Excel), 1 laptop');
    await page.getByLabel('Personal data involved').check({ force: true });
    await page.getByTestId('report-person-count').fill('1200');
    await choose(page, 'report-countries', /\(JP\)/, 'Japan');
    await page.keyboard.press('Escape');
    await page.getByLabel('Ordinary personal data').check({ force: true });
    await page.getByTestId('report-submit').click();

    await page.getByTestId('report-done').waitFor();
    const number = (await page.getByTestId('report-number').innerText()).trim();
    expect(number).toMatch(/^INC-\d{4}-\d{5}$/);
    await page.getByTestId('report-open').click();
    await poll(() => page.getByTestId('incident-number').innerText()).toBe(number);
    const id = pathname().split('/').pop()!;
    incident = { id, number };

    // The employee sees the own report in the list, and the facts the clocks come from.
    const own = await call<{ items: { number: string }[] }>('GET', '/api/incidents');
    expect(own.items.map((i) => i.number)).toEqual([number]);
    const body = await call<{ facts: { personCount: number; countries: string[]; personalData: boolean } }>(
      'GET',
      `/api/incidents/${id}`,
    );
    expect(body.facts).toMatchObject({ personalData: true, personCount: 1200, countries: ['JP'] });
    await uiSignOut(page);
  });

  test('the office opens the case and sees the APPI clocks in the deadlines panel', async () => {
    const page = b.page;
    await uiSignIn(page, office.email);
    await page.getByTestId('nav-incidents').click();
    await page.getByTestId(`incident-row-${incident!.number}`).getByTestId('incident-link').click();
    await poll(() => page.getByTestId('incident-number').innerText()).toBe(incident!.number);
    const panel = page.getByTestId('incident-deadlines');
    for (const rule of ['jp-appi-preliminary', 'jp-appi-final']) {
      const row = panel.getByTestId(`deadline-${rule}`);
      await row.waitFor();
      expect(await row.innerText()).toMatch(/left/);
      expect(await row.getAttribute('data-status')).toMatch(/pending|due_soon/);
    }
    expect(await page.getByTestId('incident-status').getAttribute('data-status')).toBe('reported');
  });

  test('the office works the steps, records the timeline, and cannot close before the clocks are met', async () => {
    const page = b.page;
    await choose(page, 'decision-severity', 'High');
    await choose(page, 'decision-cause', /Human error/);
    await page.getByTestId('decision-save').click();
    await poll(() => page.getByTestId('incident-severity').getAttribute('data-severity')).toBe('high');
    await page.getByTestId('decision-contained-now').click();
    await poll(
      async () => (await call<{ containedAt: string | null }>('GET', `/api/incidents/${incident!.id}`)).containedAt,
    ).not.toBeNull();

    // The type's template tasks are there by step; ticking one off is saved.
    const tasks = page.getByTestId('incident-tasks').getByTestId('task');
    await poll(() => tasks.count()).toBeGreaterThan(0);
    // The case re-renders after the containment decision: wait until the box takes clicks before ticking it.
    await poll(() => tasks.first().getByTestId('task-done').isEnabled()).toBe(true);
    await tasks.first().getByTestId('task-done').click({ force: true }); // controlled by the server's answer
    await poll(async () => {
      const list = await call<{ doneAt: string | null }[]>('GET', `/api/incidents/${incident!.id}/tasks`);
      return list.filter((x) => x.doneAt).length;
    }).toBe(1);

    for (const step of ['initial_response', 'investigation']) {
      await page.getByTestId('step-next').click();
      await poll(() => page.getByTestId('incident-status').getAttribute('data-status')).toBe(step);
    }

    const timeline = page.getByTestId('incident-timeline');
    await page.getByTestId('timeline-text').fill('Remote wipe ordered at 10:05');
    await page.getByTestId('timeline-submit').click();
    await poll(() => timeline.getByTestId('timeline-entry').first().innerText()).toContain('Remote wipe ordered at 10:05');
    // A correction is a new entry; the old one stays, marked as corrected.
    await timeline.getByTestId('timeline-entry').first().getByTestId('timeline-correct').click();
    await page.getByTestId('timeline-text').fill('Remote wipe ordered at 10:15');
    await page.getByTestId('timeline-submit').click();
    await poll(() => timeline.getByTestId('timeline-entry').first().innerText()).toContain('10:15');
    await poll(() => timeline.getByTestId('timeline-corrected').count()).toBe(1);
    const entries = await call<{ text: string; corrects: string | null }[]>('GET', `/api/incidents/${incident!.id}/timeline`);
    expect(entries.filter((e) => e.text.startsWith('Remote wipe'))).toHaveLength(2);

    await choose(page, 'step-select', 'Closed');
    await page.getByTestId('step-submit').click();
    await poll(() => page.getByTestId('step-problem').innerText()).toContain('Preliminary report to the Personal Information');
    expect(await page.getByTestId('incident-status').getAttribute('data-status')).toBe('investigation');
  });

  test('the office marks the clocks met and closes the case', async () => {
    const page = b.page;
    const deadlines = await call<{ ruleId: string; hard: boolean }[]>('GET', `/api/incidents/${incident!.id}/deadlines`);
    expect(deadlines.map((d) => d.ruleId)).toEqual(expect.arrayContaining(['jp-appi-preliminary', 'jp-appi-final']));
    for (const d of deadlines) {
      const row = page.getByTestId('incident-deadlines').getByTestId(`deadline-${d.ruleId}`);
      await row.getByTestId('deadline-met').click();
      await row.getByTestId('deadline-how').fill(`Filed for ${d.ruleId}`);
      await row.getByTestId('deadline-submit').click();
      await poll(() => row.getAttribute('data-status')).toBe('met');
      expect(await row.getByTestId('deadline-met-info').innerText()).toContain(`Filed for ${d.ruleId}`);
    }
    for (const step of ['notification', 'public_statement', 'prevention']) {
      await page.getByTestId('step-next').click();
      await poll(() => page.getByTestId('incident-status').getAttribute('data-status')).toBe(step);
    }
    // Closing with open tasks asks for a decision on each: the first not needed (with why), the others done.
    await page.getByTestId('step-next').click();
    const open = page.getByTestId('close-decisions').getByTestId('close-task');
    await poll(() => open.count()).toBeGreaterThan(0);
    await page.getByTestId('step-next').click();
    await poll(() => page.getByTestId('step-problem').innerText()).toContain('mark it done, or not needed');
    const count = await open.count();
    for (let i = 0; i < count; i++)
      await open
        .nth(i)
        .getByText(i === 0 ? 'Not needed' : 'Done', { exact: true })
        .click();
    await open.first().getByTestId('close-task-reason').fill('Covered by the remote wipe');
    await page.getByTestId('step-next').click();
    await poll(() => page.getByTestId('incident-status').getAttribute('data-status')).toBe('closed');
    const closed = await call<{ status: string; closedAt: string | null }>('GET', `/api/incidents/${incident!.id}`);
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
  });

  test('the statistics count the closed case', async () => {
    const page = b.page;
    await page.getByTestId('nav-incidents').click();
    await page.getByTestId('incidents-stats-link').click();
    await poll(pathname).toBe('/incidents/stats');
    await poll(() => page.getByTestId('stats-total-incidents').innerText()).toBe('1');
    expect(await page.getByTestId('stats-total-closed').innerText()).toBe('1');
    expect(await page.getByTestId('stats-total-near-misses').innerText()).toBe('0');
    const type = page.getByTestId('stats-by-type-loss_theft');
    expect(await type.getByTestId('bucket-incidents').innerText()).toBe('1');
    expect(await page.getByTestId('stats-by-cause-human_error').getByTestId('bucket-incidents').innerText()).toBe('1');
    expect(await page.getByTestId('stats-close-median').innerText()).not.toBe('—');
  });
  test('on a phone, the employee reports a near miss through the menu, and nothing is wider than the screen', async () => {
    const page = b.page;
    await uiSignOut(page);
    await page.setViewportSize({ width: 390, height: 844 }); // a common phone, portrait
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await uiSignIn(page, employee.email);
    // The navbar folds away on a phone; the menu button opens it.
    const navBox = await page.getByTestId('nav-incidents').boundingBox(); // slid out to the left, not hidden
    expect(navBox === null || navBox.x + navBox.width <= 0).toBe(true);
    await page.getByRole('button', { name: 'Menu', exact: true }).click();
    await page.getByTestId('nav-incidents').click();
    await poll(pathname).toBe('/incidents');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByTestId('incidents-report-link').click();
    await page.getByTestId('report-title').fill('USB stick almost posted to a supplier');
    await page.getByTestId('report-description').fill('Caught at the mail room before it left: the stick held drawings.');
    await choose(page, 'report-type', /Loss or theft/);
    await page.getByTestId('report-near-miss').getByText('Near miss (caught in time)').click();
    expect(await overflow()).toBeLessThanOrEqual(0);
    const submit = page.getByTestId('report-submit');
    await submit.scrollIntoViewIfNeeded();
    const box = (await submit.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await submit.click();
    await page.getByTestId('report-done').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    const own = await call<{ items: { title: string; nearMiss: boolean }[] }>('GET', '/api/incidents');
    expect(own.items.find((i) => i.title.startsWith('USB stick'))?.nearMiss).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

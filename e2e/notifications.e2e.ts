/**
 * In-app notifications through the web app: an employee reports an incident; their organisation head sees
 * the bell's unread count, opens the notification from the dropdown (it is marked read and the case opens),
 * and reads it again on the notifications page in Japanese.
 *
 * A server of its own (fresh data dir): two administrators from the CLI, so that account requests are
 * approved by someone other than their requester.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const password = 'Kz7!lantern-meadow-R4';
const admin = { email: 'notif.admin@example.com', name: 'Notification Admin' };
const approver = { email: 'notif.approver@example.com', name: 'Notification Approver' };
const employee = { email: 'jiro.tanaka@example.com', nameJa: '田中 次郎', nameEn: 'Jiro Tanaka', no: 'E2E-NT-1' };
const head = { email: 'keiko.head@example.com', nameJa: '部長 恵子', nameEn: 'Keiko Head', no: 'E2E-NT-2' };

useOwnServer(
  'notifications',
  [admin, approver].map((a) => ({ ...a, password })),
);
const b = useBrowser({ sequentialScenario: true });

describe('notifications scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  const bellLabel = () => b.page.getByTestId('notification-bell').getAttribute('aria-label');
  let csrf = '';
  let incident: { id: string; number: string } | undefined;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await pageFetch<T>(b.page, path, { method, body, csrfToken: csrf });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
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
    await page.getByTestId('user-menu').waitFor();
  }

  test('an employee and the head of their site, and a report from the employee, through the API', async () => {
    await b.page.goto('/sign-in');
    await apiSignIn(admin.email);
    const site = await call<{ id: string }>('POST', '/api/org-units', {
      parentId: null,
      kind: 'site',
      code: 'E2E-NT-SITE',
      nameJa: 'E2E川崎事業所',
      nameEn: 'E2E Kawasaki Site',
    });
    const requests: string[] = [];
    for (const p of [employee, head]) {
      const person = await call<{ id: string }>('POST', '/api/people', {
        employeeNo: p.no,
        nameJa: p.nameJa,
        nameEn: p.nameEn,
        email: p.email,
        kind: 'employee',
        orgUnitId: site.id,
      });
      requests.push(
        (await call<{ id: string }>('POST', '/api/account-requests', { personId: person.id, email: p.email, reason: 'e2e' })).id,
      );
    }
    await apiSignIn(approver.email);
    const accounts: string[] = [];
    for (const id of requests) {
      const approved = await call<{ accountId: string; activationUrl: string }>(
        'POST',
        `/api/account-requests/${id}/approve`,
        {},
      );
      await call('POST', '/api/activate', { token: new URL(approved.activationUrl).searchParams.get('token'), password });
      accounts.push(approved.accountId);
    }
    await call('POST', '/api/role-assignments', { userId: accounts[1], role: 'org_head', orgUnitId: site.id });
    await apiSignIn(employee.email);
    incident = await call<{ id: string; number: string }>('POST', '/api/incidents', {
      typeId: 'loss_theft',
      title: 'USB stick lost',
      description: 'Lost a USB stick with drawings on the way home.',
      discoveredAt: new Date(Date.now() - 600_000).toISOString(),
      language: 'en',
    });
    await pageFetch(b.page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });
  });

  test('the head sees the unread count, opens the report from the bell, and it is read', async () => {
    const page = b.page;
    await uiSignIn(page, head.email);
    await poll(bellLabel).toBe('Notifications (1 unread)');
    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('notification-menu').getByTestId('notification-item').first();
    expect(await item.innerText()).toContain(`Incident reported: ${incident!.number}`);
    expect(await item.innerText()).toContain('E2E Kawasaki Site');
    expect(await item.getAttribute('data-unread')).toBe('true');
    await item.click();
    await poll(pathname).toBe(`/incidents/${incident!.id}`);
    await poll(() => page.getByTestId('incident-number').innerText()).toBe(incident!.number);
    await poll(bellLabel).toBe('Notifications (0 unread)');
  });

  test('the notifications page lists it as read, in the language the reader chooses', async () => {
    const page = b.page;
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-see-all').click();
    await poll(pathname).toBe('/notifications');
    const row = page.getByTestId('notification-row').first();
    await poll(() => row.getAttribute('data-unread')).toBe('false');
    await page.getByTestId('lang-switch').getByText('日本語').click();
    await poll(() => row.innerText()).toContain(`インシデント報告 ${incident!.number}`);
    expect(await row.innerText()).toContain('E2E川崎事業所 からインシデント');
  });
});

/**
 * The internal-audit scenario (issue #12), through the web app on the demo group: an assigned auditor records a
 * nonconformity on an audit in progress, the audited unit's head answers it with a corrective action (cause
 * analysis, plan, owner, due date), the auditor verifies its effectiveness and closes it, and the audit report PDF
 * downloads. The demo accounts use the demo password.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
useOwnServer('audits', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

type Assignment = { role: string; userEmail: string; orgUnitId: string | null };
type AuditRow = { id: string; state: string; unit: { id: string } };

describe('internal audit scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  let assignments: Assignment[] = [];
  let auditor = '';
  let answerer = '';
  let auditId = '';
  let findingId = '';

  async function signIn(page: Page, email: string) {
    await page.context().clearCookies();
    await page.goto('/sign-in');
    const res = await pageFetch<{ csrfToken: string }>(page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email, password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(200);
    const lang = await pageFetch(page, '/api/me', { method: 'PATCH', body: { language: 'en' }, csrfToken: res.body.csrfToken });
    expect(lang.status).toBe(200);
    await page.goto('/');
    await page.getByTestId('app-title').waitFor();
  }

  test('the demo has an auditor with an audit in progress of a unit whose head has an account', async () => {
    await b.page.goto('/sign-in');
    const office = await pageFetch<{ csrfToken: string }>(b.page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email: 'kaori.matsumoto@hoshizora.example', password: DEMO_PASSWORD },
    });
    expect(office.status).toBe(200);
    assignments = (await pageFetch<{ items: Assignment[] }>(b.page, '/api/role-assignments?limit=500')).body.items;
    const answerers = new Map(
      assignments
        .filter((a) => (a.role === 'org_head' || a.role === 'promotion_leader') && a.orgUnitId)
        .map((a) => [a.orgUnitId!, a.userEmail]),
    );
    for (const email of new Set(assignments.filter((a) => a.role === 'auditor').map((a) => a.userEmail))) {
      await signIn(b.page, email);
      const mine = (await pageFetch<{ items: AuditRow[] }>(b.page, '/api/audits?mine=true&state=in_progress')).body.items;
      const audit = mine.find((a) => answerers.has(a.unit.id));
      if (audit) {
        auditor = email;
        auditId = audit.id;
        answerer = answerers.get(audit.unit.id)!;
        break;
      }
    }
    expect(auditId).not.toBe('');
  });

  test('the auditor opens the audit from the programme and records a nonconformity', async () => {
    const page = b.page;
    await signIn(page, auditor);
    await page.getByTestId('nav-audits').click();
    await poll(pathname).toBe('/audits');
    await page.goto(`/audits/${auditId}`);
    await page.getByTestId('audit-title').waitFor();
    await page.getByTestId('checklist-item').first().waitFor();
    const before = await page.getByTestId('finding-row').count();
    await page.getByTestId('finding-reference').fill('6.1.2');
    await page.getByTestId('finding-statement').fill('The risk assessment of this year has not been reviewed by the head.');
    await page.getByTestId('finding-create').click();
    await poll(() => page.getByTestId('finding-row').count()).toBe(before + 1);
    await page.getByTestId('finding-link').last().click();
    await poll(pathname).toMatch(/^\/audit-findings\/[0-9a-f-]{36}$/);
    findingId = pathname().split('/').pop()!;
    await poll(() => page.getByTestId('finding-state').textContent()).toBe('Awaiting answer');
  });

  test("the unit's head answers it with a corrective action", async () => {
    const page = b.page;
    await signIn(page, answerer);
    await page.goto(`/audit-findings/${findingId}`);
    await page.getByTestId('answer-root-cause').fill('The review was not in the hand-over list when the head changed.');
    await page.getByTestId('answer-why').fill('Why not reviewed: nobody was asked\nWhy nobody: no hand-over list');
    await page.getByTestId('answer-plan').fill('Add the review to the hand-over list; review at the monthly meeting.');
    await page.getByTestId('answer-owner').fill('Promotion leader');
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('answer-due').fill(due);
    await page.getByTestId('answer-submit').click();
    await poll(() => page.getByTestId('finding-state').textContent()).toBe('Action under way');
    await page.getByTestId('finding-action').waitFor();
  });

  test('the auditor cannot close it without an effectiveness check, then verifies and closes it', async () => {
    const page = b.page;
    await signIn(page, auditor);
    await page.goto(`/audit-findings/${findingId}`);
    await page.getByTestId('verify-close').click();
    await page.getByText('A corrective action cannot be closed without an effectiveness check.').first().waitFor();
    await page.getByTestId('verify-check').fill('The minutes of the next monthly meeting show the review done.');
    await page.getByTestId('verify-close').click();
    await poll(() => page.getByTestId('finding-state').textContent()).toBe('Closed');
    await page.goto(`/audits/${auditId}`);
    const href = await page.getByTestId('audit-pdf').getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

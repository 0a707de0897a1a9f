/**
 * The security office's internal-audit forms (issue #12), through the web app on the demo group: the office creates
 * next year's programme over the group, plans two proposed units (a date outside the year is first refused on its
 * own row), renews an auditor's qualification (a training one is refused without the course's pass, in the reader's
 * language) in the register, and an assigned auditor records an interview and uploads an evidence file whose SHA-256
 * the page shows. Each page passes axe and fits 390 px.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { signInWithApi } from './demo-session';
import { axeViolations, horizontalOverflow } from './page-checks';
import { useOwnServer } from './own-server';

useOwnServer('audits-office', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

const OFFICE = 'kaori.matsumoto@hoshizora.example';
type Name = { ja: string; en: string };
type Auditor = {
  id: string;
  person: { name: Name; unit: Name | null; unitId: string | null };
  valid: boolean;
  qualificationSource: string;
  expiresOn: string;
};
type Proposal = { unit: { id: string; name: Name } };
type Assignment = { role: string; userEmail: string };

describe('the office plans and keeps the register; an auditor records interviews and evidence', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  let programmeId = '';
  let fy = 0;

  async function fits(page: Page) {
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** Picks an option of a Mantine select: its input, typed text, then the option. */
  async function pick(page: Page, input: ReturnType<Page['getByTestId']>, text: string) {
    await input.click();
    await input.fill(text);
    await page.getByRole('option', { name: text, exact: false }).first().click();
  }

  /** The units above a unit and itself (ids), to choose an auditor independent of both planned units. */
  async function lineage(page: Page, id: string): Promise<string[]> {
    const u = await pageFetch<{ ancestors: { id: string }[] }>(page, `/api/org-units/${id}`);
    return [...u.body.ancestors.map((a) => a.id), id];
  }

  test('the office creates next year’s programme over the group', async () => {
    const page = b.page;
    await signInWithApi(page, OFFICE);
    const existing = (await pageFetch<{ fiscalYear: number; scope: { id: string; name: Name } }[]>(page, '/api/audit-programmes'))
      .body;
    fy = Math.max(...existing.map((p) => p.fiscalYear)) + 1;
    const group = existing[0]!.scope;
    await page.goto('/audits');
    await page.getByTestId('programme-new-open').click();
    await page.getByTestId('programme-fy').fill(String(fy));
    await pick(page, page.getByTestId('programme-scope'), group.name.en);
    await page.getByTestId('programme-title').fill(`FY${fy} internal audit programme`);
    await page.getByTestId('programme-create').click();
    await page.getByTestId('planning').waitFor();
    const mine = (await pageFetch<{ id: string; fiscalYear: number }[]>(page, `/api/audit-programmes?fiscalYear=${fy}`)).body;
    expect(mine).toHaveLength(1);
    programmeId = mine[0]!.id;
    await page.getByTestId('proposal-row').first().waitFor();
    await fits(page);
  });

  test('plans two proposals together; a date outside the year is refused on its own row first', async () => {
    const page = b.page;
    const proposals = (await pageFetch<Proposal[]>(page, `/api/audit-programmes/${programmeId}/proposals`)).body.slice(0, 8);
    const auditors = (await pageFetch<Auditor[]>(page, '/api/auditors')).body.filter(
      (a) => a.valid && a.person.unitId && a.expiresOn >= `${fy + 1}-03-31`,
    );
    const lines = new Map<string, string[]>();
    for (const p of proposals) lines.set(p.unit.id, await lineage(page, p.unit.id));
    // an auditor neither inside nor above either unit, and the first two units they can audit
    let choice: { auditor: Auditor; rows: number[] } | undefined;
    for (const a of auditors) {
      const home = await lineage(page, a.person.unitId!);
      const rows = proposals
        .map((p, i) => ({ i, line: lines.get(p.unit.id)! }))
        .filter(({ i, line }) => !line.includes(a.person.unitId!) && !home.includes(proposals[i]!.unit.id))
        .map(({ i }) => i);
      if (rows.length >= 2) {
        choice = { auditor: a, rows: rows.slice(0, 2) };
        break;
      }
    }
    expect(choice).toBeDefined();
    const { auditor, rows } = choice!;
    const [first, second] = rows as [number, number];
    const leadName = auditor.person.name.en;
    for (const [n, i] of [first, second].entries()) {
      await page.getByTestId(`proposal-${i}-select`).check();
      await page.getByTestId(`proposal-${i}-from`).fill(n === 0 ? `${fy}-05-10` : `${fy + 3}-05-11`);
      await page.getByTestId(`proposal-${i}-to`).fill(n === 0 ? `${fy}-05-10` : `${fy + 3}-05-11`);
      await pick(page, page.getByTestId(`proposal-${i}-lead`), leadName);
      await page.getByTestId(`proposal-${i}-mode`).click();
      await page.getByRole('option', { name: n === 0 ? 'On site' : 'Remote' }).click();
    }
    await page.getByTestId('plan-selected').click();
    const wrong = page.getByTestId('proposal-row').nth(second);
    await wrong.getByText(`The audit must fall within the fiscal year (${fy}-04-01 to ${fy + 1}-03-31).`).waitFor();
    expect(await page.getByTestId('proposal-row').nth(first).getByText('The audit must fall within').count()).toBe(0);
    // nothing was planned: all or none
    const none = await pageFetch<{ total: number }>(page, `/api/audits?programmeId=${programmeId}`);
    expect(none.body.total).toBe(0);
    await page.getByTestId(`proposal-${second}-from`).fill(`${fy}-06-11`);
    await page.getByTestId(`proposal-${second}-to`).fill(`${fy}-06-12`);
    await page.getByTestId('plan-selected').click();
    await poll(() => page.getByTestId('audit-row').count()).toBe(2);
    const planned = await pageFetch<{ items: { unit: { id: string }; lead: { id: string }; mode: string }[] }>(
      page,
      `/api/audits?programmeId=${programmeId}`,
    );
    expect(planned.body.items.map((a) => a.unit.id).sort()).toEqual(
      [proposals[first]!.unit.id, proposals[second]!.unit.id].sort(),
    );
    expect(planned.body.items.every((a) => a.lead.id === auditor.id)).toBe(true);
  });

  test('the office registers a person (refused as from training without the course’s pass) and renews a qualification', async () => {
    const page = b.page;
    const auditors = (await pageFetch<Auditor[]>(page, '/api/auditors')).body;
    const registered = new Set(auditors.map((a) => a.person.name.en));
    const people = (await pageFetch<{ items: { nameEn: string }[] }>(page, '/api/people?status=active&limit=100')).body.items;
    // not in the register, so not an auditor role holder: the only people the demo's training gives the course to
    const newcomer = people.find((p) => !registered.has(p.nameEn))!;
    const expired = auditors.find((a) => !a.valid && a.qualificationSource === 'manual')!;
    await page.goto('/auditors');
    await page.getByTestId('auditor-add').click();
    const add = page.getByTestId('auditor-new');
    await pick(page, add.getByTestId('auditor-person'), newcomer.nameEn);
    await add.getByTestId('auditor-qualified').fill(`${fy - 1}-04-01`);
    await add.getByTestId('auditor-expires').fill(`${fy + 2}-03-31`);
    await add.getByTestId('auditor-source').click();
    await page.getByRole('option', { name: 'From the training record' }).click();
    await add.getByTestId('auditor-create').click();
    await add.getByText('A qualification through training needs a valid pass of the course AUDITOR-INTERNAL').waitFor();
    // axe with the refusal shown: a field's error text reads at 5.6:1 (theme.ts; Mantine's red 6 was 3.3:1)
    await fits(page);
    await add.getByTestId('auditor-source').click();
    await page.getByRole('option', { name: 'Entered by the office' }).click();
    await add.getByTestId('auditor-create').click();
    await add.waitFor({ state: 'detached' });
    const row = (name: string) => page.getByTestId('auditor-row').filter({ hasText: name });
    await row(newcomer.nameEn).waitFor();
    await row(expired.person.name.en).getByTestId('auditor-renew').click();
    const form = page.getByTestId('auditor-edit');
    await form.getByTestId('auditor-expires').fill(`${fy + 3}-03-31`);
    await form.getByTestId('training-add').click();
    await form.getByRole('textbox', { name: 'Course or session' }).last().fill('Internal auditor refresher');
    await form.getByRole('textbox', { name: 'Date' }).last().fill(`${fy}-04-20`);
    await fits(page);
    await form.getByTestId('auditor-save').click();
    await form.waitFor({ state: 'detached' });
    await poll(() => row(expired.person.name.en).textContent()).toContain(`${fy + 3}-03-31`);
    await row(expired.person.name.en).getByText('Valid').waitFor();
  });

  test('an assigned auditor records an interview and uploads an evidence file with its SHA-256', async () => {
    const page = b.page;
    const assignments = (await pageFetch<{ items: Assignment[] }>(page, '/api/role-assignments?limit=500')).body.items;
    let auditId = '';
    for (const email of new Set(assignments.filter((a) => a.role === 'auditor').map((a) => a.userEmail))) {
      await signInWithApi(page, email);
      const mine = (await pageFetch<{ items: { id: string }[] }>(page, '/api/audits?mine=true&state=in_progress')).body.items;
      if (mine[0]) {
        auditId = mine[0].id;
        break;
      }
    }
    expect(auditId).not.toBe('');
    await page.goto(`/audits/${auditId}`);
    await page.getByTestId('audit-title').waitFor();
    const interviews = page.getByTestId('audit-interviews');
    const before = await interviews.getByTestId('interview-row').count();
    await interviews.getByTestId('interview-add').click();
    await interviews.getByTestId(`interview-${before}-name`).fill('Section manager');
    await interviews.getByTestId(`interview-${before}-role`).fill('Head of the audited section');
    await interviews.getByTestId(`interview-${before}-date`).fill(`${fy - 1}-12-01`);
    await interviews.getByTestId(`interview-${before}-notes`).fill('Walked through the asset ledger and its review.');
    await interviews.getByTestId('interviews-save').click();
    await poll(async () => {
      const a = await pageFetch<{ interviews: { name: string }[] }>(page, `/api/audits/${auditId}`);
      return a.body.interviews.map((i) => i.name);
    }).toContain('Section manager');
    const evidence = page.getByTestId('audit-evidence');
    const count = await evidence.getByTestId('evidence-row').count();
    const buffer = Buffer.from('Minutes of the closing meeting: two findings explained and accepted.\n');
    await evidence.locator('input[type="file"]').setInputFiles({ name: 'closing-minutes.txt', mimeType: 'text/plain', buffer });
    await evidence.getByTestId('evidence-upload').click();
    await poll(() => evidence.getByTestId('evidence-row').count()).toBe(count + 1);
    const sha = createHash('sha256').update(buffer).digest('hex');
    await evidence.getByTestId('evidence-sha256').filter({ hasText: sha }).waitFor();
    const href = await evidence.getByTestId('evidence-download').filter({ hasText: 'closing-minutes.txt' }).getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(Buffer.from(await res.body()).equals(buffer)).toBe(true);
    await fits(page);
  });
});

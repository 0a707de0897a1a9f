/**
 * The vulnerability handling scenario (issue #5), through the web app: a reporter without an account sends a
 * report encrypted with the PSIRT's published OpenPGP key and a PoC file, a PSIRT member reads it decrypted,
 * triages it with CVSS 4.0, records the affected and fixed versions, publishes the advisory as a confirmed step,
 * and the advisory is then public: on /advisories, in the ROLIE feed, and as a CSAF document that parses and
 * whose SHA-512 file matches. The case is closed with its root cause, and the reporter sees the outcome.
 *
 * It runs on a server of its own (fresh data dir). Accounts are made the way an organisation makes them (request,
 * approval by a second administrator, activation), so two administrators are created with the CLI first.
 */
import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const password = 'Kz7!cedar-beacon-P5';
const admin = { email: 'psirt.admin@example.com', name: 'PSIRT Admin' };
const approver = { email: 'psirt.approver@example.com', name: 'PSIRT Approver' };
const member = { email: 'kenji.mori@example.com', nameJa: '森 健二', nameEn: 'Kenji Mori', no: 'E2E-PSIRT-1' };
const division = { code: 'E2E-CAM-DIV', nameJa: 'E2Eカメラ事業部', nameEn: 'E2E Camera Division' };
const product = { code: 'E2E-NETCAM', nameJa: 'ネットワークカメラ NC-200', nameEn: 'Network Camera NC-200' };
const secret = 'The RTSP DESCRIBE handler copies the Session header into a 64-byte stack buffer without a length check.';
const poc = Buffer.from('#!/usr/bin/env python3\n# PoC: send a 4 KB Session header to port 554\n');
const V4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
const advisoryText = {
  titleJa: 'ネットワークカメラ NC-200 における RTSP のバッファオーバーフロー',
  titleEn: 'Buffer overflow in the RTSP server of Network Camera NC-200',
  summaryJa: 'NC-200 の 2.1 より前のファームウェアには、遠隔の第三者が任意のコードを実行できる脆弱性があります。',
  summaryEn: 'Firmware of the NC-200 before 2.1 lets a remote attacker run arbitrary code through a crafted RTSP request.',
};

useOwnServer(
  'psirt',
  [admin, approver].map((a) => ({ ...a, password })),
);
const b = useBrowser({ sequentialScenario: true });

describe('vulnerability handling scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
  let csrf = '';
  let trackingUrl = '';
  let caseId = '';
  let trackingId = '';

  async function call<T>(method: string, path: string, body?: unknown, expected = [200, 201]): Promise<T> {
    const res = await pageFetch<T>(b.page, path, { method, body, csrfToken: csrf });
    if (!expected.includes(res.status)) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  async function apiSignIn(email: string) {
    await pageFetch(b.page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });
    csrf = (await call<{ csrfToken: string }>('POST', '/api/auth/sign-in', { email, password })).csrfToken;
  }
  /** Picks an option of a Mantine Select by its visible label, typing a search first if given. */
  async function choose(page: Page, input: Locator, label: string | RegExp, search?: string) {
    await input.click();
    if (search) await input.fill(search);
    await page.getByRole('option', { name: label }).first().click();
  }

  test('the organisation: a division with a product and its releases, and a PSIRT member, through the API', async () => {
    await b.page.goto('/sign-in');
    await apiSignIn(admin.email);
    const unit = await call<{ id: string }>('POST', '/api/org-units', { parentId: null, kind: 'site', ...division });
    const p = await call<{ id: string }>('POST', '/api/products', { ...product, orgUnitId: unit.id, stage: 'operate' });
    for (const version of ['2.0', '2.1'])
      await call('POST', `/api/products/${p.id}/releases`, { version, status: 'shipped', releasedOn: '2026-01-15' });
    const person = await call<{ id: string }>('POST', '/api/people', {
      employeeNo: member.no,
      nameJa: member.nameJa,
      nameEn: member.nameEn,
      email: member.email,
      kind: 'employee',
      orgUnitId: unit.id,
    });
    const request = await call<{ id: string }>('POST', '/api/account-requests', {
      personId: person.id,
      email: member.email,
      reason: 'PSIRT member',
    });
    await apiSignIn(approver.email);
    const approved = await call<{ accountId: string; activationUrl: string }>(
      'POST',
      `/api/account-requests/${request.id}/approve`,
      {},
    );
    await call('POST', '/api/activate', { token: new URL(approved.activationUrl).searchParams.get('token'), password });
    await call('POST', '/api/role-assignments', { userId: approved.accountId, role: 'psirt_member', orgUnitId: null });
    await pageFetch(b.page, '/api/auth/sign-out', { method: 'POST', csrfToken: csrf });
  });

  test('a reporter without an account sends a report encrypted with the published PSIRT key, and a PoC', async () => {
    const page = b.page;
    await page.goto('/security/report');
    const key = await page.request.get('/.well-known/psirt-pgp-key.asc');
    expect(key.status()).toBe(200);
    const encryptionKeys = await openpgp.readKey({ armoredKey: await key.text() });
    const armored = await openpgp.encrypt({ message: await openpgp.createMessage({ text: secret }), encryptionKeys });
    expect(String(armored)).toMatch(/^-----BEGIN PGP MESSAGE-----/);

    await page.getByTestId('report-title').fill('Stack overflow in RTSP DESCRIBE');
    await page.getByTestId('report-product').fill('NC-200');
    await page.getByTestId('report-version').fill('2.0');
    await page.getByTestId('report-description').fill(String(armored));
    await page.getByTestId('report-email').fill('researcher@example.org');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-done').waitFor();
    trackingUrl = (await page.getByTestId('report-tracking-url').innerText()).trim();
    expect(trackingUrl).toMatch(/\/security\/reports\/[A-Za-z0-9_-]{43}$/);

    const token = trackingUrl.split('/').pop()!;
    const attached = await page.request.post(`/api/vulnerability-reports/${token}/attachments?name=poc.py`, {
      data: poc,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(attached.status()).toBe(201);
    expect((await attached.json()).sha256).toBe(sha256(poc));

    await page.goto(new URL(trackingUrl).pathname);
    await poll(() => page.getByTestId('tracking-status').textContent()).toBe('Received');
  });

  test('a PSIRT member opens the case from the list and reads the decrypted report and the PoC', async () => {
    const page = b.page;
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(member.email);
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-menu').waitFor();
    csrf = (await call<{ csrfToken: string }>('GET', '/api/me')).csrfToken;

    await page.getByTestId('nav-vulnerabilities').click();
    await poll(pathname).toBe('/vulnerabilities');
    const row = page.getByTestId('vulnerabilities-table').getByRole('row').filter({ hasText: 'Stack overflow in RTSP DESCRIBE' });
    // the bulk bar: select the case and assign it to the member (all or none; the selection clears when done)
    await row.getByRole('checkbox').check();
    const assignee = page.getByTestId('bulk-assignee');
    await assignee.click();
    await assignee.fill('kenji');
    await page
      .getByRole('option', { name: /kenji\.mori@example\.com/ })
      .first()
      .click();
    await page.getByTestId('bulk-assign').click();
    await page.getByTestId('list-bulk-bar').waitFor({ state: 'detached' });
    await row.getByTestId('vulnerability-link').click();
    await poll(() => page.getByTestId('vulnerability-title').innerText()).toBe('Stack overflow in RTSP DESCRIBE');
    caseId = pathname().split('/').pop()!;

    const description = page.getByTestId('vulnerability-description');
    await poll(() => description.innerText()).toContain(secret);
    expect(await description.innerText()).not.toContain('BEGIN PGP');
    expect(await page.getByTestId('vulnerability-status').getAttribute('data-status')).toBe('new');

    const attachment = page.getByTestId('vulnerability-attachment');
    expect(await attachment.getByTestId('attachment-sha256').innerText()).toBe(sha256(poc));
    const href = await attachment.getByTestId('attachment-download').getAttribute('href');
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(sha256(await file.body())).toBe(sha256(poc));

    await page.getByTestId('message-input').fill('Thank you. We reproduced the overflow and are preparing a fix.');
    await page.getByTestId('message-send').click();
    await poll(() => page.getByTestId('vulnerability-message').count()).toBe(1);
  });

  test('triage with CVSS 4.0: an invalid vector is refused as typed, the valid one scored by the server', async () => {
    const page = b.page;
    const field = page.getByTestId('cvss40');
    await field.fill('CVSS:4.0/AV:N/AC:L');
    await poll(() => page.getByTestId('vulnerability-triage').innerText()).toMatch(/every base metric must be given/);
    await field.fill(V4);
    await poll(() => page.getByTestId('cvss40-score').getAttribute('data-score')).toBe('9.3');
    await page.getByTestId('triage-cve').fill('CVE-2026-41234');
    await page.getByTestId('triage-cwe').fill('CWE-121');
    await choose(page, page.getByTestId('triage-status'), 'Investigating');
    await page.getByTestId('triage-save').click();
    await poll(() => page.getByTestId('vulnerability-status').getAttribute('data-status')).toBe('investigating');
    await poll(() => page.getByTestId('vulnerability-score').innerText()).toContain('9.3');
    const saved = await call<{ cvss40: { score: number; severity: string } }>('GET', `/api/vulnerabilities/${caseId}`);
    expect(saved.cvss40).toMatchObject({ score: 9.3, severity: 'critical' });
  });

  test('the product version is marked affected, the fixed version recorded, a fix task given to the division', async () => {
    const page = b.page;
    await choose(page, page.getByTestId('product-add-select'), new RegExp(product.code), 'NETCAM');
    await page.getByTestId('product-add').click();
    const row = page.getByTestId(`product-row-${product.code}`);
    await choose(page, row.getByTestId('product-status'), 'Affected');
    await row.getByTestId('product-affected-versions').fill('2.0');
    await row.getByTestId('product-fixed-version').fill('2.1');
    await page.getByTestId('products-save').click();
    await poll(async () => {
      const d = await call<{ products: { productCode: string; status: string; fixedVersion: string | null }[] }>(
        'GET',
        `/api/vulnerabilities/${caseId}`,
      );
      return d.products;
    }).toEqual([expect.objectContaining({ productCode: product.code, status: 'affected', fixedVersion: '2.1' })]);

    await page.getByTestId('task-title').fill('Length check in the RTSP DESCRIBE handler (firmware 2.1)');
    await choose(page, page.getByTestId('task-owner'), new RegExp(division.code), 'E2E-CAM');
    await page.getByTestId('task-add').click();
    await poll(() => page.getByTestId('vulnerability-task').innerText()).toContain(division.code);

    await page.getByTestId('coordination-organisation').fill('JPCERT/CC');
    await page.getByTestId('coordination-reference').fill('JVNVU#91234567');
    await page.getByTestId('coordination-add').click();
    await poll(() => page.getByTestId('coordination-record').innerText()).toContain('JVNVU#91234567');
  });

  test('the advisory is previewed in ja and en, then published as a confirmed step', async () => {
    const page = b.page;
    await page.getByTestId('publish-title-ja').fill(advisoryText.titleJa);
    await page.getByTestId('publish-title-en').fill(advisoryText.titleEn);
    await page.getByTestId('publish-summary-ja').fill(advisoryText.summaryJa);
    await page.getByTestId('publish-summary-en').fill(advisoryText.summaryEn);
    expect(await page.getByTestId('publish-open').isDisabled()).toBe(true); // not before a preview
    await page.getByTestId('publish-preview').click();
    await poll(() => page.getByTestId('advisory-preview-ja').innerText()).toContain(advisoryText.titleJa);
    expect(await page.getByTestId('advisory-preview-en').innerText()).toContain(advisoryText.summaryEn);
    expect(await page.getByTestId('advisory-preview-en').innerText()).toContain('Update to version 2.1 or later.');
    expect(await page.getByTestId('advisory-preview-ja').innerText()).toContain(product.nameJa);
    expect(await call<{ items: unknown[] }>('GET', '/api/advisories')).toMatchObject({ items: [] });

    await page.getByTestId('publish-open').click();
    await page.getByTestId('publish-confirm').waitFor();
    await page.getByTestId('publish-confirm-confirm').click();
    await page.getByTestId('advisory-published').waitFor({ timeout: 60_000 });
    await poll(() => page.getByTestId('vulnerability-status').getAttribute('data-status')).toBe('disclosed');
    trackingId = (await call<{ advisory: { trackingId: string } }>('GET', `/api/vulnerabilities/${caseId}`)).advisory.trackingId;
    expect(trackingId).toMatch(/^MAMORI-SA-\d{4}-\d{4}$/);
  });

  test('the advisory is public: on /advisories, in the ROLIE feed, and its CSAF document downloads and parses', async () => {
    const page = b.page;
    await page.getByTestId('advisory-public-link').click();
    await poll(() => page.getByTestId('advisory-tracking-id').innerText()).toBe(trackingId);
    const csafHref = await page.getByTestId('advisory-csaf').getAttribute('href');
    const csafRes = await page.request.get(csafHref!);
    expect(csafRes.status()).toBe(200);
    const csaf = JSON.parse(await csafRes.text()) as {
      document: { category: string; tracking: { id: string } };
      vulnerabilities: { cve?: string; scores?: unknown[] }[];
    };
    expect(csaf.document.category).toBe('csaf_security_advisory');
    expect(csaf.document.tracking.id).toBe(trackingId);
    expect(csaf.vulnerabilities[0]!.cve).toBe('CVE-2026-41234');

    await page.goto('/advisories');
    await poll(() => page.getByTestId('advisories-table').innerText()).toContain(advisoryText.titleEn);

    const feed = await page.request.get('/.well-known/csaf/feed-tlp-white.json');
    expect(feed.status()).toBe(200);
    const entries = ((await feed.json()) as { feed: { entry: { id: string; content: { src: string } }[] } }).feed.entry;
    const entry = entries.find((e) => e.id === trackingId);
    expect(entry).toBeDefined();
    const doc = await page.request.get(entry!.content.src);
    expect(doc.status()).toBe(200);
    const bytes = await doc.body();
    expect((JSON.parse(bytes.toString('utf8')) as typeof csaf).document.tracking.id).toBe(trackingId);
    const hash = await page.request.get(`${entry!.content.src}.sha512`);
    expect((await hash.text()).split(/\s+/)[0]).toBe(createHash('sha512').update(bytes).digest('hex'));
  });

  test('the case is closed with its root cause and the added check; the reporter sees it resolved', async () => {
    const page = b.page;
    await page.goto(`/vulnerabilities/${caseId}`);
    await page.getByTestId('closure-close').click();
    await poll(() => page.getByTestId('closure-problem').innerText()).toContain('rootCause');
    await choose(page, page.getByTestId('closure-phase'), 'Implementation');
    await page
      .getByTestId('closure-root-cause')
      .fill('A fixed-size copy of a header without a length check; code review missed it.');
    await page
      .getByTestId('closure-check-added')
      .fill('RTSP parser fuzzing in CI; a review checklist item for copies into fixed buffers.');
    await page.getByTestId('closure-close').click();
    await poll(() => page.getByTestId('vulnerability-status').getAttribute('data-status')).toBe('closed');

    await page.goto(new URL(trackingUrl).pathname);
    await poll(() => page.getByTestId('tracking-status').textContent()).toBe('Resolved');
    expect(await page.getByTestId('tracking-message').first().innerText()).toContain('We reproduced the overflow');
    expect(await page.getByTestId('tracking').innerText()).not.toContain('CVE-2026-41234');
  });
});

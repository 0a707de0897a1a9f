/**
 * The platform scenario, through the web app as a user would do it, on a fresh server (e2e/run.mjs):
 * set up the first administrator → sign out, sign in → enrol MFA (TOTP) → sign in again with a TOTP code →
 * switch the UI to Japanese → create an org unit → find its creation in the audit log.
 * Elements are found by the web app's `data-testid`s (language-neutral: half the scenario runs in
 * Japanese) and by role. Each step also checks the server's state through the API from the same page
 * (same session cookie). The steps build on each other: after a failure the rest are skipped.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, test } from 'vitest';
import { createTestSamlIdp, type TestSamlIdp } from '../apps/server/src/test/saml-idp';
import { nextTotp, pageFetch, useBrowser } from './browser';

describe('platform scenario', () => {
  const b = useBrowser({ sequentialScenario: true });

  const admin = { name: 'E2E Administrator', email: 'e2e.admin@example.com', password: 'Kz7!tulip-harbor-Q9' };
  const unit = { code: `E2E-${Date.now().toString(36).toUpperCase()}`, nameJa: 'E2E品質保証部', nameEn: 'E2E Quality Assurance' };
  const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
  let mfa: { secret: string; step: number } | undefined;

  interface MeBody {
    user: { email: string; language: 'ja' | 'en' | null; mfaEnabled: boolean };
  }
  /** expect.poll with a timeout for UI work (navigation, rendering). */
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  const me = () => pageFetch<MeBody>(b.page, '/api/me');

  async function signOut() {
    const page = b.page;
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await poll(pathname).toBe('/sign-in');
    expect((await me()).status).toBe(401);
  }

  test('first start: the app asks for the first administrator and creates it', async () => {
    const page = b.page;
    await page.goto('/');
    await poll(pathname).toBe('/setup');
    await page.getByTestId('setup-name').fill(admin.name);
    await page.getByTestId('setup-email').fill(admin.email);
    await page.getByTestId('setup-password').fill(admin.password);
    await page.getByTestId('setup-submit').click();

    // Setup signs the new administrator in and shows what the new installation still needs.
    await page.getByTestId('user-menu').waitFor();
    await poll(pathname).toBe('/getting-started');
    await page.getByTestId('next-step-org').waitFor();
    expect(await page.getByTestId('next-step-org').getAttribute('data-done')).toBe('false');
    expect(await page.getByTestId('next-step-my_mfa').getAttribute('data-done')).toBe('false');
    const res = await me();
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(admin.email);
    expect((await pageFetch<{ needed: boolean }>(page, '/api/setup')).body.needed).toBe(false);
  });

  test('sign out, then sign in with e-mail and password', async () => {
    const page = b.page;
    await signOut();
    await page.getByTestId('sign-in-email').fill(admin.email);
    await page.getByTestId('sign-in-password').fill(admin.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-menu').waitFor();
    expect((await me()).status).toBe(200);
  });

  test('enrol two-factor authentication (TOTP) under My account', async () => {
    const page = b.page;
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-my-account').click();
    await poll(pathname).toBe('/account');
    await page.getByTestId('mfa-start').click();
    // The secret is shown as text next to the QR code, for manual entry in an authenticator app.
    await page.getByTestId('mfa-qr').waitFor();
    const secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const { code, step } = await nextTotp(secret);
    await page.getByTestId('mfa-code').fill(code);
    await page.getByTestId('mfa-enable').click();
    await page.getByTestId('mfa-disable-form').waitFor();
    mfa = { secret, step };
    expect((await me()).body.user.mfaEnabled).toBe(true);
  });

  test('sign in again: now a TOTP code is asked for', async () => {
    const page = b.page;
    expect(mfa).toBeDefined();
    await signOut();
    await page.getByTestId('sign-in-email').fill(admin.email);
    await page.getByTestId('sign-in-password').fill(admin.password);
    await page.getByTestId('sign-in-submit').click();
    const totpField = page.getByTestId('sign-in-totp');
    await totpField.waitFor();
    expect((await me()).status).toBe(401); // password alone is not enough
    // The server refuses a second use of the enrolment's time step (replay): wait for the next one if needed.
    const { code } = await nextTotp(mfa!.secret, mfa!.step);
    await totpField.fill(code);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-menu').waitFor();
    expect((await me()).body.user.mfaEnabled).toBe(true);
  });

  test('switch the interface to Japanese; the choice is saved on the account', async () => {
    const page = b.page;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByTestId('lang-switch').locator('input[value="ja"] + label').click();
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await poll(() => page.getByTestId('nav-org').innerText()).toMatch(JAPANESE);
    await poll(async () => (await me()).body.user.language).toBe('ja');

    // Still Japanese after a reload, although the browser asks for English: it comes from the account.
    await page.reload();
    await page.getByTestId('user-menu').waitFor();
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await page.getByTestId('nav-org').innerText()).toMatch(JAPANESE);
  });

  test('create an org unit (in the Japanese UI)', async () => {
    const page = b.page;
    await page.getByTestId('nav-org').click();
    await poll(pathname).toBe('/org');
    await page.getByTestId('org-create').click();
    const form = page.getByTestId('org-form');
    await form.waitFor();
    await page.getByTestId('org-form-code').fill(unit.code);
    await page.getByTestId('org-form-name-ja').fill(unit.nameJa);
    await page.getByTestId('org-form-name-en').fill(unit.nameEn);
    await page.getByTestId('org-form-submit').click();
    await form.waitFor({ state: 'hidden' });

    // The tree shows the new unit under its Japanese name.
    const node = page.getByTestId('org-tree').getByTestId(`org-node-${unit.code}`);
    await poll(() => node.innerText()).toContain(unit.nameJa);
    const list = await pageFetch<{ items: { code: string; nameJa: string; nameEn: string; kind: string }[] }>(
      page,
      '/api/org-units?limit=500',
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ code: unit.code, nameJa: unit.nameJa, nameEn: unit.nameEn }),
    );
  });

  test('the audit log shows the creation of the org unit, by the administrator', async () => {
    const page = b.page;
    await page.getByTestId('nav-audit').click();
    await poll(pathname).toBe('/audit');
    await page.getByTestId('audit-table').waitFor();
    // Filter by action, open the row: its "after" record holds the unit.
    // the list's filters apply as they are typed (no apply button)
    await page.getByTestId('audit-action').fill('org_unit.create');
    const rows = page.getByTestId('audit-row');
    await poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.innerText()).toContain('org_unit.create');
    expect(await row.innerText()).toContain(admin.email);
    await row.click();
    await poll(() => page.getByTestId('audit-detail').innerText()).toContain(unit.code);
    expect(await page.getByTestId('audit-detail').innerText()).toContain(unit.nameJa);

    const events = await pageFetch<{ items: { action: string; actorLabel: string | null; after: unknown }[] }>(
      page,
      '/api/audit-events?action=org_unit.create',
    );
    expect(events.status).toBe(200);
    const created = events.body.items.find((e) => JSON.stringify(e.after).includes(unit.code));
    expect(created?.actorLabel).toBe(admin.email);
    // The scenario's earlier steps are in the log too.
    const all = await pageFetch<{ items: { action: string }[] }>(page, '/api/audit-events?limit=500');
    const actions = all.body.items.map((e) => e.action);
    for (const action of ['user.create', 'auth.sign-in', 'user.mfa-enable', 'user.update-profile', 'org_unit.create']) {
      expect(actions).toContain(action);
    }
  });

  /**
   * A SAML IdP on this machine for the browser: it answers any AuthnRequest with a signed assertion for the
   * administrator, posted back to Mamori's ACS by an auto-submitting form, as real IdPs do (HTTP-POST binding).
   */
  let idpServer: Server | undefined;
  afterAll(() => idpServer?.close());
  async function startSamlIdp(): Promise<TestSamlIdp> {
    idpServer = createServer();
    await new Promise<void>((ok) => idpServer!.listen(0, '127.0.0.1', ok));
    const idp = createTestSamlIdp('e2e-idp', `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`);
    idpServer.on('request', (req, res) => {
      const request = idp.readRequest(`http://127.0.0.1${req.url ?? '/'}`);
      const { samlResponse } = idp.respond({ request, subject: 'e2e-admin', attributes: { email: admin.email } });
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<form method="post" action="${request.acsUrl}"><input type="hidden" name="SAMLResponse" value="${samlResponse}"></form>` +
          '<script>document.forms[0].submit()</script>',
      );
    });
    return idp;
  }

  test('declare a SAML IdP by its metadata in Settings, then sign in through it', async () => {
    const page = b.page;
    const idp = await startSamlIdp();
    await page.goto('/settings');
    await page.getByTestId('saml-add').click();
    const form = page.getByTestId('saml-form');
    await form.waitFor();
    await form.getByRole('textbox').nth(0).fill('社内 SAML');
    await form.getByRole('textbox').nth(1).fill('Group SAML');
    await page.getByTestId('saml-metadata').fill(idp.metadataXml);
    await page.getByTestId('saml-domains').fill('example.com');
    await page.getByTestId('saml-domains').press('Enter');
    await page.getByTestId('saml-save').click();
    await form.waitFor({ state: 'hidden' });
    await poll(() => page.getByTestId('saml-provider').count()).toBe(1);

    await signOut();
    const button = page.getByTestId('sso-button').filter({ hasText: /社内 SAML|Group SAML/ });
    await button.click();
    await poll(pathname).toBe('/');
    expect((await me()).body.user.email).toBe(admin.email);
    const events = await pageFetch<{ items: { action: string; after: { via?: string } | null }[] }>(
      page,
      '/api/audit-events?action=auth.sign-in',
    );
    expect(events.body.items.some((e) => e.after?.via === 'saml')).toBe(true);
  });
});

/**
 * Single sign-on through OpenID Connect in a real browser (issue 16): Mamori's own server and the test OIDC provider
 * (`oidc-provider`, the same real provider the server's tests use, started in this process on a port of its own).
 * Chromium goes from the sign-in page's "Sign in with …" button to the provider, signs in on its page, consents, and
 * lands signed in; signing out then goes through the provider's logout (RP-initiated, with `id_token_hint`) and the
 * provider sends the browser back to Mamori's sign-in page, which says "signed out" (the `state` it kept matches).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestIdp, type TestIdp } from '../apps/server/src/test/oidc-idp';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const admin = { email: 'oidc.admin@example.com', name: 'OIDC Admin', password: 'Rq4!cedar-window-M8' };
useOwnServer('oidc', [admin]);

let idp: TestIdp;
// after the server's hook (its URL is known), before the browser's
beforeAll(async () => {
  const base = process.env.E2E_BASE_URL!;
  idp = await startTestIdp(
    `${base}/api/auth/oidc/callback`,
    { 'oidc-admin': { email: admin.email, email_verified: true, name: admin.name } },
    { client: () => ({ post_logout_redirect_uris: [`${base}/sign-in`] }) },
  );
});
afterAll(async () => {
  await idp?.close();
});
const b = useBrowser({ sequentialScenario: true });

describe('OpenID Connect in Chromium', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;

  test('the administrator declares the provider (with a fresh password sign-in), then signs out', async () => {
    const page = b.page;
    await page.goto('/sign-in');
    const signIn = await pageFetch<{ csrfToken: string }>(page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email: admin.email, password: admin.password },
    });
    expect(signIn.status).toBe(200);
    const csrfToken = signIn.body.csrfToken;
    const created = await pageFetch<{ id: string; postLogoutRedirectUri: string }>(page, '/api/identity-providers', {
      method: 'POST',
      csrfToken,
      body: {
        nameJa: 'テスト ID',
        nameEn: 'Test ID',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.postLogoutRedirectUri).toBe(`${process.env.E2E_BASE_URL}/sign-in`);
    expect((await pageFetch(page, '/api/auth/sign-out', { method: 'POST', csrfToken })).status).toBe(200);
    expect((await pageFetch(page, '/api/me')).status).toBe(401);
  });

  test('"Sign in with Test ID" goes to the provider, and back signed in', async () => {
    const page = b.page;
    await page.goto('/sign-in');
    const button = page.getByTestId('sso-button');
    await button.waitFor();
    await button.click();
    // the provider's own sign-in page (another origin)
    await page.locator('input[name="login"]').waitFor();
    expect(new URL(page.url()).origin).toBe(idp.issuer);
    await page.locator('input[name="login"]').fill('oidc-admin');
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    // its consent page
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('user-menu').waitFor({ timeout: 20_000 });
    expect(pathname()).toBe('/');
    const me = await pageFetch<{ user: { email: string } }>(page, '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(admin.email);
  });

  test('signing out goes through the provider’s logout and back to the sign-in page, which says so', async () => {
    const page = b.page;
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    // the provider asks to confirm its own logout
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await poll(pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('state')).toBeTruthy();
    await page.getByTestId('signed-out').waitFor();
    expect((await pageFetch(page, '/api/me')).status).toBe(401);

    // the provider's session is over too: signing in again asks for the login at the provider
    await page.getByTestId('sso-button').click();
    await page.locator('input[name="login"]').waitFor();
    expect(new URL(page.url()).origin).toBe(idp.issuer);
  });
});

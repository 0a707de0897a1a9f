/**
 * Passkeys in a real browser (issue 16): Chromium's virtual authenticator (DevTools protocol, `WebAuthn` domain)
 * plays a platform authenticator with user verification, so `navigator.credentials.create/get` run for real
 * against the server's WebAuthn ceremonies. An administrator adds a passkey in My account, signs out, signs in with
 * the passkey alone, and then finds that the password alone no longer opens the account: the second factor is asked.
 *
 * The server's public URL is `http://localhost:<port>`: WebAuthn refuses an IP address as the relying-party ID.
 */
import type { CDPSession } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const admin = { email: 'passkey.admin@example.com', name: 'Passkey Admin', password: 'Kz7!maple-lantern-Q4' };
useOwnServer('passkeys', [admin], { host: 'localhost' });
const b = useBrowser({ sequentialScenario: true });

interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId: string;
  signCount: number;
}

describe('passkey scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  let cdp: CDPSession;
  let authenticatorId = '';
  const credentials = async () =>
    ((await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as { credentials: VirtualCredential[] }).credentials;
  const me = () => pageFetch<{ user: { email: string } }>(b.page, '/api/me');

  async function signOut() {
    await b.page.getByTestId('user-menu').click();
    await b.page.getByTestId('sign-out').click();
    await poll(pathname).toBe('/sign-in');
    expect((await me()).status).toBe(401);
  }

  test('a virtual platform authenticator (CTAP2, internal, resident keys, user verification) is attached', async () => {
    cdp = await b.browser.context.newCDPSession(b.page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const added = (await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    })) as { authenticatorId: string };
    authenticatorId = added.authenticatorId;
    expect(authenticatorId).toBeTruthy();
    expect(await credentials()).toEqual([]);
  });

  test('the administrator signs in with the password and adds a passkey in My account', async () => {
    const page = b.page;
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(admin.email);
    await page.getByTestId('sign-in-password').fill(admin.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-menu').waitFor();

    await page.goto('/account');
    const section = page.getByTestId('passkeys-section');
    await section.getByTestId('passkey-name').fill('Laptop (e2e)');
    await section.getByTestId('passkey-add').click();
    await poll(() => section.getByTestId('passkey-row').count()).toBe(1);
    await poll(() => section.getByTestId('passkey-row').textContent()).toContain('Laptop (e2e)');

    // the authenticator now holds one discoverable credential for this relying party
    const held = await credentials();
    expect(held).toHaveLength(1);
    expect(held[0]!.isResidentCredential).toBe(true);
    expect(held[0]!.rpId).toBe('localhost');
    const listed = await pageFetch<{ items: { name: string }[] }>(page, '/api/me/passkeys');
    expect(listed.body.items.map((p) => p.name)).toEqual(['Laptop (e2e)']);
  });

  test('signed out, the administrator signs in with the passkey alone (no e-mail, no password)', async () => {
    const page = b.page;
    await signOut();
    const before = (await credentials())[0]!.signCount;
    await page.getByTestId('sign-in-passkey').click();
    await page.getByTestId('user-menu').waitFor();
    await poll(pathname).not.toBe('/sign-in');
    const who = await me();
    expect(who.status).toBe(200);
    expect(who.body.user.email).toBe(admin.email);
    // the authenticator signed: its counter moved, and the server recorded the use
    expect((await credentials())[0]!.signCount).toBeGreaterThan(before);
    const listed = await pageFetch<{ items: { lastUsedAt: string | null }[] }>(page, '/api/me/passkeys');
    expect(listed.body.items[0]!.lastUsedAt).not.toBeNull();
  });

  test('the password alone no longer signs in: the second factor is asked, and the passkey gives it', async () => {
    const page = b.page;
    await signOut();
    // the API says why
    const bare = await pageFetch<{ type: string; detailCode?: string }>(page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email: admin.email, password: admin.password },
    });
    expect(bare.status).toBe(401);
    expect(bare.body.type).toBe('/problems/mfa-required');
    expect(bare.body.detailCode).toBe('auth.passkey_needed');

    // the sign-in page asks for the second factor instead of opening the app
    await page.getByTestId('sign-in-email').fill(admin.email);
    await page.getByTestId('sign-in-password').fill(admin.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-passkey-second').waitFor();
    expect(pathname()).toBe('/sign-in');
    expect((await me()).status).toBe(401);

    // "Use a passkey instead": the password and the passkey together sign in
    await page.getByTestId('sign-in-passkey-second').click();
    await page.getByTestId('user-menu').waitFor();
    expect((await me()).body.user.email).toBe(admin.email);
  });

  test('an API token asked for after the step-up window: the dialog asks, the passkey confirms, the token is made', async () => {
    const page = b.page;
    await page.goto('/account');
    // The window is 10 minutes: instead of waiting, the server's first answer to the token request is the refusal it
    // gives then (the problem document), once; the re-authentication and the retried request are the real ones.
    let refused = 0;
    await page.route('**/api/me/tokens', async (route) => {
      if (route.request().method() !== 'POST' || refused > 0) return route.fallback();
      refused += 1;
      await route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: '/problems/reauth-required',
          title: 'Confirm it is you',
          status: 401,
          detail: 'For this change, confirm it is you: enter your password or use your passkey.',
          detailCode: 'auth.reauth_required',
        }),
      });
    });
    await page.getByTestId('token-name').fill('CI export (e2e)');
    await page.getByTestId('token-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('reauth-password').waitFor();
    expect(await dialog.textContent()).toContain('Confirm it is you');
    await dialog.getByTestId('reauth-passkey').click();
    await page.getByTestId('token-created').waitFor();
    expect(refused).toBe(1);
    await poll(() => dialog.count()).toBe(0);
    const tokens = await pageFetch<{ items: { name: string }[] }>(page, '/api/me/tokens');
    expect(tokens.body.items.map((x) => x.name)).toContain('CI export (e2e)');
    await page.unroute('**/api/me/tokens');
  });
});

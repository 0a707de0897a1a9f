/**
 * SCIM 2.0 provisioning seen in the web app (issue 16, "Done when"): an identity provider — here a plain HTTP
 * client with a SCIM token, sending what Entra ID sends — creates a user, renames it and deactivates it; the
 * Accounts page shows each change. The token is created by the administrator in Settings → Provisioning.
 */
import { describe, expect, test } from 'vitest';
import { baseUrl, pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const admin = { email: 'scim.admin@example.com', name: 'SCIM Admin', password: 'Kz7!tulip-harbor-Q9' };
useOwnServer('scim', [admin]);
const b = useBrowser({ sequentialScenario: true });

const USER = 'taro.scim@example.com';
const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('SCIM provisioning scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  let token = '';
  let userId = '';

  /** The identity provider's side: a request with the bearer token, outside the browser. */
  async function scim<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${baseUrl()}/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  }

  const accountRow = () => b.page.getByTestId('accounts-table').getByRole('row').filter({ hasText: USER });
  async function showAccounts() {
    await b.page.goto('/accounts');
    await b.page.getByTestId('accounts-search').fill(USER);
  }

  test('the administrator signs in and creates a SCIM token in Settings (shown once)', async () => {
    const page = b.page;
    await page.goto('/sign-in');
    const signIn = await pageFetch<{ csrfToken: string }>(page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email: admin.email, password: admin.password },
    });
    expect(signIn.status).toBe(200);
    const csrfToken = signIn.body.csrfToken;
    expect((await pageFetch(page, '/api/me', { method: 'PATCH', body: { language: 'en' }, csrfToken })).status).toBe(200);
    await page.goto('/settings');
    const section = page.getByTestId('scim');
    await section.getByPlaceholder('Entra ID').fill('Entra ID (e2e)');
    await section.getByTestId('scim-token-create').click();
    const shown = section.getByTestId('scim-token-shown').locator('code');
    await shown.waitFor();
    token = (await shown.textContent())!.trim();
    expect(token).toMatch(/^mmr_scim_/);
  });

  test('SCIM creates a user: the Accounts page lists it, active', async () => {
    const res = await scim<{ id: string; active: boolean }>('POST', '/Users', {
      schemas: [SCIM_USER],
      userName: USER,
      active: true,
      displayName: 'Taro Yamada',
      name: { givenName: 'Taro', familyName: 'Yamada' },
      emails: [{ value: USER, type: 'work', primary: true }],
      preferredLanguage: 'ja-JP',
    });
    expect(res.status).toBe(201);
    userId = res.body.id;
    expect((await scim<{ totalResults: number }>('GET', `/Users?filter=userName eq "${USER}"`)).body.totalResults).toBe(1);

    await showAccounts();
    await poll(() => accountRow().count()).toBe(1);
    await poll(() => accountRow().textContent()).toContain('Taro Yamada');
    expect(await accountRow().textContent()).toContain('Active');
  });

  test('SCIM updates the name (Entra ID PATCH): the page shows the new one', async () => {
    const res = await scim('PATCH', `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'displayName', value: 'Taro Yamada-Sato' }],
    });
    expect(res.status).toBe(200);
    await showAccounts();
    await poll(() => accountRow().textContent()).toContain('Taro Yamada-Sato');
  });

  test('SCIM deactivates the user (active "False"): the page shows the account disabled', async () => {
    const res = await scim<{ active: boolean }>('PATCH', `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    await showAccounts();
    await poll(() => accountRow().textContent()).toContain('Disabled');
    // and the account cannot be used: its sessions and tokens ended with it
    const account = await pageFetch<{ items: { email: string; status: string }[] }>(
      b.page,
      `/api/accounts?q=${encodeURIComponent(USER)}`,
    );
    expect(account.body.items.find((a) => a.email === USER)?.status).toBe('disabled');
  });
});

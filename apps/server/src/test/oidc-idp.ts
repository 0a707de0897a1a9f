import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** Claims of an account of the test provider (its `sub` is the login typed at its sign-in form). */
export type IdpAccount = Record<string, unknown>;

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * Plays the browser at the provider: follows the authorization URL, signs in as `login` and consents, and
   * returns the URL the provider sends the browser back to (the redirect URI with code, state and iss).
   */
  signIn(authorizationUrl: string, login: string, browser?: string): Promise<URL>;
  /**
   * Plays the browser (`browser`, by default the login's name) of a sign-in at the provider's logout (RP-initiated logout): opens `logoutUrl`,
   * confirms "yes, sign me out" (which posts the back-channel logout tokens first) and returns where the provider
   * sends the browser then (the post-logout redirect URI with its `state`, or the provider's own page).
   */
  signOut(logoutUrl: string, browser: string): Promise<URL>;
  /** A JWT signed RS256 with the provider's own signing key (the one its JWKS publishes): forged claims, real key. */
  signJwt(payload: Record<string, unknown>, header?: Record<string, unknown>): string;
  close(): Promise<void>;
}

export interface TestIdpOptions {
  /**
   * More metadata of the test client, given the issuer once it is known (a back-channel logout URI or a post-logout
   * redirect URI may depend on it, e.g. through a provider created at Mamori with that issuer first).
   */
  client?: (issuer: string) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a random local port, with one confidential
 * client whose only redirect URI is `redirectUri`. Scope-requested claims come from its userinfo endpoint (the
 * package's conforming default), so the relying party must fetch them there.
 */
export async function startTestIdp(
  redirectUri: string,
  accounts: Record<string, IdpAccount>,
  options: TestIdpOptions = {},
): Promise<TestIdp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'mamori-test';
  const clientSecret = 'test-client-secret-0123456789abcdef';
  // the provider's own signing key, so that a test can also sign tokens with it (forged claims, valid signature)
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-idp-key-1';
  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        ...(await options.client?.(issuer)),
      },
    ],
    findAccount: (_ctx, sub) => {
      const claims = accounts[sub];
      return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
    },
    claims: {
      amr: null,
      acr: null,
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'employee_number', 'groups'],
    },
    acrValues: ['urn:example:loa:1', 'urn:example:loa:mfa'],
    features: {
      devInteractions: { enabled: true },
      claimsParameter: { enabled: true },
      backchannelLogout: { enabled: true },
    },
    cookies: { keys: ['mamori-test-idp-cookie-key'] },
    // its back-channel logout posts to a Mamori on this machine: without the package's guard against special-use
    // addresses (loopback), which would refuse it
    fetch: (url, { dispatcher: _guard, ...init }) => fetch(url, init),
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  // How the person signed in at the provider (`amr`, `acr` in the ID token): an account's `amr`/`acr` entries are
  // put in the login result, as a provider's own sign-in page would after a second factor.
  const finish = provider.interactionResult.bind(provider);
  provider.interactionResult = (req, res, result, opts) => {
    const login = (result as { login?: { accountId: string; amr?: unknown; acr?: unknown } }).login;
    const account = login ? accounts[login.accountId] : undefined;
    if (login && account?.amr) login.amr = account.amr;
    if (login && account?.acr) login.acr = account.acr;
    return finish(req, res, result, opts);
  };
  server.on('request', provider.callback());

  /** the provider's cookies per browser (a test names them; by default the login): its session there, which the logout ends */
  const jars = new Map<string, Map<string, string>>();

  async function browse(jar: Map<string, string>, url: string, form?: URLSearchParams) {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: form.toString() } : {}),
    });
    for (const set of res.headers.getSetCookie()) {
      const pair = set.split(';')[0]!;
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    return res;
  }

  async function signIn(authorizationUrl: string, login: string, browser = login): Promise<URL> {
    const jar = new Map<string, string>();
    jars.set(browser, jar);
    let url = authorizationUrl;
    let form: URLSearchParams | undefined;
    for (let hop = 0; hop < 20; hop++) {
      if (url.startsWith(redirectUri)) return new URL(url);
      const res = await browse(jar, url, form);
      const location = res.headers.get('location');
      if (location) {
        url = new URL(location, url).href;
        form = undefined;
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`the test provider answered ${res.status}: ${html.slice(0, 500)}`);
      url = new URL(action.replace(/&amp;/g, '&'), url).href;
      form = new URLSearchParams(prompt === 'login' ? { prompt, login } : { prompt });
    }
    throw new Error('the test provider kept redirecting');
  }

  async function signOut(logoutUrl: string, browser: string): Promise<URL> {
    const jar = jars.get(browser) ?? new Map<string, string>();
    const page = await browse(jar, logoutUrl);
    const html = await page.text();
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !xsrf) throw new Error(`the test provider's logout answered ${page.status}: ${html.slice(0, 500)}`);
    const done = await browse(
      jar,
      new URL(action.replace(/&amp;/g, '&'), logoutUrl).href,
      new URLSearchParams({ xsrf, logout: 'yes' }),
    );
    const location = done.headers.get('location');
    if (!location) throw new Error(`the test provider's logout confirmation answered ${done.status}`);
    return new URL(location, logoutUrl);
  }

  function signJwt(payload: Record<string, unknown>, header: Record<string, unknown> = {}): string {
    const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${part({ alg: 'RS256', kid, typ: 'logout+jwt', ...header })}.${part(payload)}`;
    return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  }

  return {
    issuer,
    clientId,
    clientSecret,
    signIn,
    signOut,
    signJwt,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

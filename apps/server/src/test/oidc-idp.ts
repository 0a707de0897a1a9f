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
  signIn(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a random local port, with one confidential
 * client whose only redirect URI is `redirectUri`. Scope-requested claims come from its userinfo endpoint (the
 * package's conforming default), so the relying party must fetch them there.
 */
export async function startTestIdp(redirectUri: string, accounts: Record<string, IdpAccount>): Promise<TestIdp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'mamori-test';
  const clientSecret = 'test-client-secret-0123456789abcdef';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
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
    features: { devInteractions: { enabled: true }, claimsParameter: { enabled: true } },
    cookies: { keys: ['mamori-test-idp-cookie-key'] },
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

  async function signIn(authorizationUrl: string, login: string): Promise<URL> {
    const jar = new Map<string, string>();
    let url = authorizationUrl;
    let form: URLSearchParams | undefined;
    for (let hop = 0; hop < 20; hop++) {
      if (url.startsWith(redirectUri)) return new URL(url);
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

  return {
    issuer,
    clientId,
    clientSecret,
    signIn,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

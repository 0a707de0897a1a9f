/** The part of `oidc-provider` (no bundled types) that the test identity provider uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Record<string, unknown>;
  }
  export interface ProviderConfiguration {
    clients?: Record<string, unknown>[];
    /** the provider's signing keys (private JWKs); without them it signs with a development key */
    jwks?: { keys: Record<string, unknown>[] };
    /** the provider's outgoing requests (back-channel logout); the package's default refuses special-use addresses */
    fetch?: (url: string, options: RequestInit & { dispatcher?: unknown }) => Promise<Response>;
    findAccount?: (ctx: unknown, sub: string) => Account | undefined | Promise<Account | undefined>;
    claims?: Record<string, string[] | null>;
    acrValues?: string[];
    features?: Record<string, { enabled: boolean }>;
    cookies?: { keys: string[] };
    pkce?: { required?: () => boolean };
    conformIdTokenClaims?: boolean;
    ttl?: Record<string, number>;
  }
  export default class Provider {
    constructor(issuer: string, configuration?: ProviderConfiguration);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    /** the end of an interaction (the dev sign-in form's): `login` carries accountId, and may carry amr and acr */
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      opts?: unknown,
    ): Promise<string>;
  }
}

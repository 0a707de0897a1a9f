import { z } from 'zod';
import { Str, Uuid } from './common';

/**
 * Single sign-on through OpenID Connect (authorization code + PKCE). A system administrator declares each
 * identity provider; people then sign in with it, linked to their existing account by a verified e-mail or by
 * their employee number (docs/identity.md).
 */
export const SSO_MATCH_BY = ['email', 'employee_no'] as const;

/** The protocols a provider speaks: OpenID Connect (`/api/identity-providers`) or SAML 2.0 (`/api/saml-providers`). */
export const SSO_PROVIDER_KINDS = ['oidc', 'saml'] as const;
export type SsoProviderKind = (typeof SSO_PROVIDER_KINDS)[number];
export type SsoMatchBy = (typeof SSO_MATCH_BY)[number];

/** Why an SSO sign-in came back to the sign-in page (`/sign-in?sso_error=…`); the web app says it in ja/en. */
export const SSO_ERRORS = ['no-account', 'unverified-email', 'disabled', 'expired', 'failed'] as const;
export type SsoError = (typeof SSO_ERRORS)[number];

const Name = () => Str().trim().min(1).max(100);
const ClaimName = Str()
  .trim()
  .regex(/^[A-Za-z0-9_.:/-]{1,100}$/, 'a claim name: letters, digits and _ . : / -');
/** An e-mail domain the administrator has verified for a provider (`example.co.jp`); OIDC and SAML. */
export const EmailDomain = () =>
  Str()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a domain name such as example.co.jp');
/** An `amr` or `acr` value a provider sends (RFC 8176 `mfa`, `otp`, `hwk`…; an acr is often a URI). */
const AuthValue = () =>
  Str()
    .trim()
    .regex(/^[A-Za-z0-9_.:/#-]{1,200}$/, 'letters, digits and _ . : / # -');
const Issuer = z.url({ protocol: /^https?$/ }).max(500);

export const IdentityProvider = z.object({
  id: Uuid,
  nameJa: z.string(),
  nameEn: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  /** The client secret is never sent back: only whether one is stored (sealed). */
  hasClientSecret: z.boolean(),
  matchBy: z.enum(SSO_MATCH_BY),
  /** The claim holding the e-mail (`email`) or the employee number (e.g. `employee_number`). */
  claim: z.string(),
  /** The ID token claim listing the person's groups, read by this provider's group → role rules. */
  groupsClaim: z.string(),
  /** Whether a person without an account gets one on first sign-in (no role). Off: only existing accounts sign in. */
  createAccounts: z.boolean(),
  enabled: z.boolean(),
  /**
   * E-mail domains verified for this provider. Empty: an e-mail links when `email_verified` is true. Else only an
   * e-mail in one of them links (and `email_verified` may then be absent, as Entra ID omits it; `false` never links).
   */
  emailDomains: z.array(z.string()),
  /** The ID token's `amr` values of which any one means the provider did multi-factor authentication. */
  mfaAmr: z.array(z.string()),
  /** The ID token's `acr` values that mean the provider did multi-factor authentication. */
  mfaAcr: z.array(z.string()),
  /** What to register at the provider: the redirect URI of the sign-in, derived from MAMORI_PUBLIC_URL. */
  redirectUri: z.string(),
  /** The post-logout redirect URI (Mamori's sign-in page) that RP-initiated logout sends. */
  postLogoutRedirectUri: z.string(),
  /** The back-channel logout URI, where the provider posts its logout tokens. */
  backchannelLogoutUri: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IdentityProvider = z.infer<typeof IdentityProvider>;

export const CreateIdentityProviderBody = z
  .object({
    nameJa: Name(),
    nameEn: Name(),
    issuer: Issuer,
    clientId: Str().trim().min(1).max(300),
    clientSecret: Str().min(1).max(1000).optional(),
    matchBy: z.enum(SSO_MATCH_BY).default('email'),
    claim: ClaimName.optional(),
    groupsClaim: ClaimName.optional(),
    createAccounts: z.boolean().default(false),
    enabled: z.boolean().default(true),
    emailDomains: z.array(EmailDomain()).max(50).default([]),
    mfaAmr: z.array(AuthValue()).max(20).default([]),
    mfaAcr: z.array(AuthValue()).max(20).default([]),
  })
  .strict();
export type CreateIdentityProviderBody = z.infer<typeof CreateIdentityProviderBody>;

export const UpdateIdentityProviderBody = z
  .object({
    nameJa: Name(),
    nameEn: Name(),
    issuer: Issuer,
    clientId: Str().trim().min(1).max(300),
    /** A new secret replaces the stored one; null removes it; absent keeps it. */
    clientSecret: Str().min(1).max(1000).nullable(),
    matchBy: z.enum(SSO_MATCH_BY),
    claim: ClaimName,
    groupsClaim: ClaimName,
    createAccounts: z.boolean(),
    enabled: z.boolean(),
    emailDomains: z.array(EmailDomain()).max(50),
    mfaAmr: z.array(AuthValue()).max(20),
    mfaAcr: z.array(AuthValue()).max(20),
  })
  .partial()
  .strict();
export type UpdateIdentityProviderBody = z.infer<typeof UpdateIdentityProviderBody>;

/** What the sign-in page shows: "Sign in with <name>". */
export const SsoProviderOption = z.object({
  id: Uuid,
  kind: z.enum(SSO_PROVIDER_KINDS),
  nameJa: z.string(),
  nameEn: z.string(),
});
export type SsoProviderOption = z.infer<typeof SsoProviderOption>;

export const SsoStartQuery = z.object({ provider: Uuid }).strict();
export const SsoCallbackQuery = z.record(z.string(), z.string());

/**
 * OpenID Connect Back-Channel Logout 1.0: the provider posts `logout_token` (a signed JWT) form-encoded. A refused
 * token is answered 400 with the spec's JSON error.
 */
export const BackchannelLogoutBody = z.object({ logout_token: Str().min(1).max(16_000) });
export const BackchannelLogoutError = z.object({ error: z.literal('invalid_request'), error_description: z.string() });

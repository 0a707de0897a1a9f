import { DOMParser } from '@xmldom/xmldom';
import type { Profile } from '@node-saml/node-saml';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { notFound } from '../../../platform/errors/app-error';
import { processKeyring } from '../../../platform/secrets/keyring';
import { seal, unseal } from '../../../platform/secrets/seal';
import type { Ctx } from '../../../platform/tx';
import { SsoFailure } from '../failure';
import { accountOf, text, type Asserted, type UserRow } from '../link';
import { providerById, type ProviderRow } from '../providers';
import { groupsOf } from '../sign-in';
import { newRequestId, REQUEST_TTL_MS, samlOf, spOf, type SamlSettingsRow } from './sp';
import { samlAssertions, samlProviders, samlRequests } from './tables';

/** The cookie that binds a sign-in in progress to this browser: the provider and the AuthnRequest ID, sealed. */
export const SAML_COOKIE = 'mamori_saml';
const COOKIE_PLACE = 'cookie.mamori_saml';
const TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

interface Flow {
  /** provider id */
  p: string;
  /** AuthnRequest ID */
  r: string;
  exp: number;
}

async function samlProvider(db: Db, id: string): Promise<{ row: ProviderRow; settings: SamlSettingsRow } | null> {
  const row = await providerById(db, id);
  if (!row || row.kind !== 'saml' || !row.enabled) return null;
  const [settings] = await db.select().from(samlProviders).where(eq(samlProviders.providerId, id));
  return settings ? { row, settings } : null;
}

/** The IdP's URL with a new AuthnRequest (HTTP-Redirect binding), and the sealed cookie that remembers it. */
export async function startSamlSignIn(db: Db, publicUrl: string, providerId: string): Promise<{ url: string; cookie: string }> {
  const found = await samlProvider(db, providerId);
  if (!found) throw notFound();
  const requestId = newRequestId();
  const url = await samlOf(db, publicUrl, found.row, found.settings, requestId).getAuthorizeUrlAsync('', undefined, {});
  const flow: Flow = { p: providerId, r: requestId, exp: Date.now() + REQUEST_TTL_MS };
  return { url, cookie: seal(processKeyring(), 'sso', JSON.stringify(flow), COOKIE_PLACE) };
}

function openFlow(cookie: string | undefined, providerId: string): Flow {
  if (!cookie) throw new SsoFailure('expired', 'no sign-in in progress (no flow cookie)');
  let flow: Flow;
  try {
    flow = JSON.parse(unseal(processKeyring(), 'sso', cookie, COOKIE_PLACE)) as Flow;
  } catch {
    throw new SsoFailure('expired', 'the flow cookie does not open');
  }
  if (flow.exp < Date.now()) throw new SsoFailure('expired', 'the sign-in took too long');
  if (flow.p !== providerId) throw new SsoFailure('failed', 'the answer is for another provider than the sign-in started');
  return flow;
}

type XmlJs = { $?: Record<string, string>; _?: string; [child: string]: unknown };
const first = (v: unknown): XmlJs | undefined => (Array.isArray(v) ? (v[0] as XmlJs) : undefined);
const all = (v: unknown): XmlJs[] => (Array.isArray(v) ? (v as XmlJs[]) : []);

/** The Destination of the (possibly unsigned) Response envelope: it must name this ACS. */
function destinationOf(samlResponse: string): string | null {
  const doc = new DOMParser({ errorHandler: () => undefined }).parseFromString(
    Buffer.from(samlResponse, 'base64').toString('utf8'),
    'text/xml',
  );
  const root = doc.documentElement;
  return root?.localName === 'Response' ? root.getAttribute('Destination') : null;
}

/** The checks node-saml leaves to its caller, made on the signed assertion only. */
function checkSignedAssertion(profile: Profile, row: ProviderRow, acsUrl: string, requestId: string) {
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlJs } | undefined)?.Assertion;
  if (!assertion) throw new SsoFailure('failed', 'no signed assertion');
  if (profile.issuer !== row.issuer) throw new SsoFailure('failed', `the assertion's issuer is ${String(profile.issuer)}`);
  const id = assertion.$?.ID;
  if (!id) throw new SsoFailure('failed', 'the assertion has no ID');
  const confirmations = all(first(assertion.Subject)?.SubjectConfirmation).map((c) => first(c.SubjectConfirmationData)?.$ ?? {});
  const bearer = confirmations.find((c) => c.Recipient === acsUrl && c.InResponseTo === requestId);
  if (!bearer) throw new SsoFailure('failed', 'no subject confirmation for this ACS and this request');
  if (!profile.nameID) throw new SsoFailure('failed', 'the assertion has no NameID');
  if (profile.nameIDFormat === TRANSIENT) throw new SsoFailure('failed', 'a transient NameID cannot identify a person');
  const notOnOrAfter = [bearer.NotOnOrAfter, first(assertion.Conditions)?.$?.NotOnOrAfter]
    .map((v) => (v ? Date.parse(v) : NaN))
    .filter((v) => !Number.isNaN(v));
  const expiresAt = new Date(Math.max(Date.now() + REQUEST_TTL_MS, ...notOnOrAfter));
  return { assertionId: id, expiresAt };
}

/** The first value of an attribute of the signed assertion, as text. */
function attribute(profile: Profile, name: string): string | null {
  const value = (profile.attributes as Record<string, unknown> | undefined)?.[name];
  return text(Array.isArray(value) ? value[0] : value);
}

function assertedOf(profile: Profile, row: ProviderRow, settings: SamlSettingsRow): Asserted {
  const email =
    attribute(profile, settings.emailAttribute)?.toLowerCase() ??
    (profile.nameIDFormat === EMAIL_FORMAT ? text(profile.nameID)?.toLowerCase() : null) ??
    null;
  const domain = email?.split('@')[1];
  const emailVerified = domain !== undefined && settings.emailDomains.includes(domain);
  const byEmail = row.matchBy === 'email';
  return {
    value: byEmail ? email : attribute(profile, settings.employeeNoAttribute),
    attribute: byEmail ? settings.emailAttribute : settings.employeeNoAttribute,
    emailVerified,
    verifiedEmail: emailVerified ? email : null,
    name: attribute(profile, settings.nameAttribute),
  };
}

/**
 * The assertion consumer service: the IdP's answer is validated by node-saml (signature over the assertion with
 * the provider's certificates, audience, NotBefore/NotOnOrAfter, InResponseTo of a stored request), then here:
 * Destination, issuer, a bearer confirmation for this ACS and this browser's request, and the assertion ID not
 * used before. The request and the assertion ID are consumed in one transaction, so a racing replay loses.
 */
export async function finishSamlSignIn(
  ctx: Ctx,
  publicUrl: string,
  providerId: string,
  cookie: string | undefined,
  samlResponse: string,
): Promise<{ user: UserRow; provider: ProviderRow; subject: string; groups: string[] }> {
  const flow = openFlow(cookie, providerId);
  const found = await samlProvider(ctx.db, providerId);
  if (!found) throw new SsoFailure('failed', 'the provider is gone or disabled');
  const { row, settings } = found;
  const { acsUrl } = spOf(publicUrl, row.id);
  let profile: Profile | null;
  try {
    if (destinationOf(samlResponse) !== acsUrl) throw new Error('the Destination is not this ACS');
    ({ profile } = await samlOf(ctx.db, publicUrl, row, settings).validatePostResponseAsync({ SAMLResponse: samlResponse }));
    if (!profile) throw new Error('no identity in the answer');
  } catch (err) {
    await ctx.db.delete(samlRequests).where(eq(samlRequests.id, flow.r));
    throw new SsoFailure('failed', `the provider's answer was refused: ${(err as Error).message}`);
  }
  const { assertionId, expiresAt } = checkSignedAssertion(profile, row, acsUrl, flow.r);
  await ctx.db.transaction(async (tx) => {
    const used = await tx
      .insert(samlAssertions)
      .values({ providerId: row.id, assertionId, expiresAt })
      .onConflictDoNothing()
      .returning({ id: samlAssertions.assertionId });
    if (!used.length) throw new SsoFailure('failed', `the assertion ${assertionId} was already used`);
    const consumed = await tx
      .delete(samlRequests)
      .where(and(eq(samlRequests.id, flow.r), eq(samlRequests.providerId, row.id)))
      .returning({ id: samlRequests.id });
    if (!consumed.length) throw new SsoFailure('failed', 'the request was already answered');
  });
  const subject = profile.nameID;
  const user = await accountOf(ctx, row, subject, async () => assertedOf(profile, row, settings));
  const groups = groupsOf((profile.attributes as Record<string, unknown> | undefined)?.[settings.groupsAttribute]);
  return { user, provider: row, subject, groups };
}

/** Deletes requests and assertion IDs past their time (the identity purge job). */
export async function purgeSamlState(db: Db): Promise<void> {
  await db.delete(samlRequests).where(lt(samlRequests.expiresAt, sql`now()`));
  await db.delete(samlAssertions).where(lt(samlAssertions.expiresAt, sql`now()`));
}

import { randomBytes } from 'node:crypto';
import { generateServiceProviderMetadata, SAML, ValidateInResponseTo, type CacheProvider } from '@node-saml/node-saml';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { ProviderRow } from '../providers';
import type { samlProviders } from './tables';
import { samlRequests } from './tables';

export type SamlSettingsRow = typeof samlProviders.$inferSelect;

/** How long an AuthnRequest may wait for its answer. */
export const REQUEST_TTL_MS = 10 * 60 * 1000;
/** Clock difference tolerated between the IdP and Mamori on NotBefore / NotOnOrAfter. */
export const CLOCK_SKEW_MS = 60 * 1000;
export const SAML_PATH = '/api/auth/saml';

/** Mamori's addresses as the SP of one provider: its entity id is its metadata URL, stable while the provider exists. */
export function spOf(publicUrl: string, providerId: string) {
  const base = `${publicUrl.replace(/\/$/, '')}${SAML_PATH}/${providerId}`;
  return { entityId: `${base}/metadata`, metadataUrl: `${base}/metadata`, acsUrl: `${base}/acs` };
}

/** A fresh AuthnRequest ID (an xsd:ID must not start with a digit). */
export const newRequestId = () => `_${randomBytes(20).toString('hex')}`;

/**
 * The AuthnRequests in flight, in the database so that any process may receive the answer. node-saml reads them
 * to check InResponseTo; it never removes one: the sign-in consumes it in its own transaction (flow.ts), so a
 * request is answered once even when two answers race.
 */
function requestStore(db: Db, providerId: string): CacheProvider {
  return {
    async saveAsync(key, value) {
      await db.insert(samlRequests).values({ id: key, providerId, expiresAt: new Date(Date.now() + REQUEST_TTL_MS) });
      return { value, createdAt: Date.now() };
    },
    async getAsync(key) {
      const [row] = await db
        .select({ createdAt: samlRequests.createdAt })
        .from(samlRequests)
        .where(and(eq(samlRequests.id, key), eq(samlRequests.providerId, providerId), gt(samlRequests.expiresAt, sql`now()`)));
      return row ? row.createdAt.toISOString() : null;
    },
    removeAsync: async () => null,
  };
}

/**
 * node-saml configured for one provider: signed assertions required (a signature over the whole response alone is
 * not enough), InResponseTo always checked against the stored requests, audience = Mamori's entity id.
 */
export function samlOf(db: Db, publicUrl: string, row: ProviderRow, settings: SamlSettingsRow, requestId?: string) {
  const sp = spOf(publicUrl, row.id);
  return new SAML({
    issuer: sp.entityId,
    audience: sp.entityId,
    callbackUrl: sp.acsUrl,
    entryPoint: settings.ssoUrl,
    idpCert: settings.certificates,
    idpIssuer: row.issuer,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    cacheProvider: requestStore(db, row.id),
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: 'sha256',
    ...(requestId ? { generateUniqueId: () => requestId } : {}),
  });
}

/** Mamori's SP metadata for one provider, to give to the IdP. */
export function spMetadata(publicUrl: string, providerId: string): string {
  const sp = spOf(publicUrl, providerId);
  return generateServiceProviderMetadata({
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    wantAssertionsSigned: true,
    identifierFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  });
}

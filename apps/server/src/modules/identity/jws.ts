import { constants, createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * A JWS in compact form verified against a provider's JSON Web Key Set with node:crypto (openid-client v6 checks
 * the ID token itself but offers nothing for a back-channel logout token; `jose`, which it uses, is not one of
 * Mamori's own dependencies). Asymmetric algorithms only: `none` and the HMAC ones are refused, so a token cannot be
 * "signed" with the client secret or with nothing.
 */
export interface Jwk extends JsonWebKey {
  kid?: string;
  use?: string;
  alg?: string;
}

/** The algorithm → what its key must be and how node:crypto verifies it. */
const ALGS: Record<string, { kty: string; crv?: string; hash: string | null; pss?: boolean; p1363?: boolean }> = {
  RS256: { kty: 'RSA', hash: 'sha256' },
  RS384: { kty: 'RSA', hash: 'sha384' },
  RS512: { kty: 'RSA', hash: 'sha512' },
  PS256: { kty: 'RSA', hash: 'sha256', pss: true },
  PS384: { kty: 'RSA', hash: 'sha384', pss: true },
  PS512: { kty: 'RSA', hash: 'sha512', pss: true },
  ES256: { kty: 'EC', crv: 'P-256', hash: 'sha256', p1363: true },
  ES384: { kty: 'EC', crv: 'P-384', hash: 'sha384', p1363: true },
  ES512: { kty: 'EC', crv: 'P-521', hash: 'sha512', p1363: true },
  EdDSA: { kty: 'OKP', crv: 'Ed25519', hash: null },
  Ed25519: { kty: 'OKP', crv: 'Ed25519', hash: null },
};

export class JwsError extends Error {}

export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function parseJson(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new JwsError(`the ${what} is not JSON`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new JwsError(`the ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** The keys of the set that may have signed a token with this header: same `kid` (when given), type and curve, `sig`. */
function candidates(keys: Jwk[], header: Record<string, unknown>, alg: string): KeyObject[] {
  const want = ALGS[alg]!;
  return keys
    .filter(
      (k) =>
        k.kty === want.kty &&
        (want.crv === undefined || k.crv === want.crv) &&
        (k.use === undefined || k.use === 'sig') &&
        (k.alg === undefined || k.alg === alg) &&
        (header.kid === undefined || k.kid === header.kid),
    )
    .flatMap((k) => {
      try {
        return [createPublicKey({ key: k, format: 'jwk' })];
      } catch {
        return [];
      }
    });
}

/**
 * Verifies the token's signature with one of `keys`, the algorithm being one of `allowed`. Returns the header and the
 * payload; throws JwsError when the token is malformed, its algorithm is not allowed, no key fits, or the signature
 * does not hold. `noKeyFits` tells the caller to fetch the key set again (a rotated key) before giving up.
 */
export function verifyJws(token: string, keys: Jwk[], allowed: readonly string[]): DecodedJws & { noKeyFits?: true } {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p)) || !parts[0] || !parts[1] || !parts[2])
    throw new JwsError('not a compact JWS (header.payload.signature)');
  const header = parseJson(parts[0], 'header');
  const payload = parseJson(parts[1], 'payload');
  const alg = header.alg;
  if (typeof alg !== 'string' || !ALGS[alg] || !allowed.includes(alg))
    throw new JwsError(`algorithm ${String(alg)} is not accepted`);
  if (header.crit !== undefined) throw new JwsError('critical header parameters are not supported');
  const keysFit = candidates(keys, header, alg);
  if (!keysFit.length) return { header, payload, noKeyFits: true };
  const want = ALGS[alg];
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], 'base64url');
  const holds = keysFit.some((key) =>
    verify(
      want.hash,
      data,
      {
        key,
        ...(want.pss ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : {}),
        ...(want.p1363 ? { dsaEncoding: 'ieee-p1363' as const } : {}),
      },
      signature,
    ),
  );
  if (!holds) throw new JwsError('the signature does not hold');
  return { header, payload };
}

export const SIGNING_ALGS = Object.keys(ALGS);

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { MissingKeyError, type KeyPurpose, type Keyring } from './keyring';

const PREFIX = 'v1';

/** A sealed value that cannot be opened: damaged, or sealed for another place (the associated data differs). */
export class SealError extends Error {}

/**
 * Encrypts a text with AES-256-GCM under a purpose key: `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url). `aad`
 * binds it to where it belongs (a backup, table and column), so a sealed value moved elsewhere does not open.
 */
export function seal(ring: Keyring, purpose: KeyPurpose, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.purposeKey(purpose), iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    PREFIX,
    ring.current.id,
    iv.toString('base64url'),
    ct.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

/** The key id a sealed value names, or undefined when it is not one. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === PREFIX ? parts[1] : undefined;
}

export function unseal(ring: Keyring, purpose: KeyPurpose, sealed: string, aad: string): string {
  const [prefix, keyId, iv, ct, tag, ...rest] = sealed.split('.');
  if (prefix !== PREFIX || !keyId || iv === undefined || ct === undefined || !tag || rest.length)
    throw new SealError('not a sealed value');
  if (!ring.has(keyId)) throw new MissingKeyError(keyId, 'an encrypted value', ring.source);
  try {
    const decipher = createDecipheriv('aes-256-gcm', ring.purposeKey(purpose, keyId), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('an encrypted value does not open: damaged, or not from here');
  }
}

import { createHmac } from 'node:crypto';

/** Bytes of a master key: 256 bits. */
export const MASTER_KEY_BYTES = 32;

/** A master key and its id: the id names the key (in audit events, backups, checkpoints) without revealing it. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/**
 * Reads one key written as base64, base64url or hex. Returns the reason when it is not 32 bytes: the
 * configuration lists it (config.ts), the key file's loader refuses to start with it.
 */
export function parseMasterKey(text: string): Buffer | string {
  const t = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(t)) bytes = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!bytes || bytes.length !== MASTER_KEY_BYTES)
    return `must be ${MASTER_KEY_BYTES} random bytes in base64 or hex (e.g. \`openssl rand -base64 32\`)`;
  return bytes;
}

/** The key id: 16 hex digits of an HMAC of a fixed label, so it can be shown anywhere. */
export const keyIdOf = (key: Buffer): string => createHmac('sha256', key).update('mamori key id').digest('hex').slice(0, 16);

export const masterKey = (key: Buffer): MasterKey => ({ id: keyIdOf(key), key });

/** MAMORI_SECRET_KEY may list several keys, comma-separated: the first is current, the others older ones. */
export const splitKeyList = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Parses MAMORI_SECRET_KEY: the keys, or the reason it is wrong. */
export function parseSecretKeyList(value: string): Buffer[] | string {
  const keys: Buffer[] = [];
  for (const [i, text] of splitKeyList(value).entries()) {
    const key = parseMasterKey(text);
    if (typeof key === 'string') return splitKeyList(value).length > 1 ? `key ${i + 1} ${key}` : key;
    keys.push(key);
  }
  return keys.length ? keys : 'empty';
}

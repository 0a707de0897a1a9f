import type { Db } from '../../db/client';
import { MissingKeyError, processKeyring, type KeyPurpose, type Keyring } from './keyring';
import { seal, sealedKeyId, unseal } from './seal';

/**
 * Secrets kept in the database (TOTP seeds, the PSIRT's private key, SSO client secrets) are stored sealed:
 * AES-256-GCM under a purpose key derived from the master key, the key id written beside the ciphertext
 * (`v1.<key id>.…`, platform/secrets/seal.ts), bound to their place (table, column, row) so a value copied to
 * another row does not open. The key lives outside the database, so no SQL migration can seal the rows written
 * in clear before: `sealSecretsAtRest` does it at server start (and re-seals values under an older key with the
 * current one), and a reader that still meets a clear value (written by an older process during a rolling
 * upgrade) seals it on first use.
 */
export const isSealed = (value: string): boolean => sealedKeyId(value) !== undefined;

export function sealStored(purpose: KeyPurpose, plaintext: string, place: string, ring: Keyring = processKeyring()): string {
  return seal(ring, purpose, plaintext, place);
}

/** The clear text of a stored value; a clear (legacy) value is returned as it is: `isSealed` tells the caller to seal it. */
export function openStored(purpose: KeyPurpose, stored: string, place: string, ring: Keyring = processKeyring()): string {
  return isSealed(stored) ? unseal(ring, purpose, stored, place) : stored;
}

/** A place in the database that holds sealed secrets, declared by the module that owns it. */
export interface SecretsAtRest {
  /** for messages: `users.mfa_secret`… */
  name: string;
  /** The key ids its sealed values name (distinct). */
  keyIds(db: Db): Promise<string[]>;
  /**
   * Seals the values still in clear and re-seals those under a key other than the current one; each row written
   * only if it still holds what was read (several processes may start at once). Returns the rows written.
   */
  sealAll(db: Db, ring: Keyring): Promise<number>;
}

/** Throws MissingKeyError when a stored secret is sealed under a key the ring does not hold. */
export async function assertKeysHeld(db: Db, ring: Keyring, places: readonly SecretsAtRest[]): Promise<void> {
  for (const place of places) {
    const missing = (await place.keyIds(db)).find((id) => !ring.has(id));
    if (missing) throw new MissingKeyError(missing, place.name, ring.source);
  }
}

/**
 * The start-up step: refuses to start when a stored secret is sealed with a key this process does not hold (a
 * wrong MAMORI_SECRET_KEY or key file is a clear error, not codes that silently never match), then seals what is
 * still in clear. Returns how many values it wrote, by place.
 */
export async function sealSecretsAtRest(
  db: Db,
  ring: Keyring,
  places: readonly SecretsAtRest[],
): Promise<Record<string, number>> {
  await assertKeysHeld(db, ring, places);
  const written: Record<string, number> = {};
  for (const place of places) written[place.name] = await place.sealAll(db, ring);
  return written;
}

/** Whether a stored value must be (re-)sealed by the start-up step: clear, or sealed under another key than the current one. */
export const needsSealing = (value: string | null | undefined, ring: Keyring): value is string =>
  value != null && sealedKeyId(value) !== ring.current.id;

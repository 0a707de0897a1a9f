import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import * as openpgp from 'openpgp';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { AppError } from '../../platform/errors/app-error';
import { settings } from '../../platform/settings/tables';

export interface PsirtKey {
  privateKey: openpgp.PrivateKey;
  publicArmored: string;
}

const SETTINGS_KEY = 'psirt.pgp';
const keys = new WeakMap<Db, Promise<PsirtKey>>();

async function fromFile(file: string, passphrase: string | undefined): Promise<PsirtKey> {
  let privateKey = await openpgp.readPrivateKey({ armoredKey: readFileSync(file, 'utf8') });
  if (!privateKey.isDecrypted()) {
    if (!passphrase) throw new Error(`${file} is passphrase-protected: set MAMORI_PSIRT_PGP_PASSPHRASE`);
    privateKey = await openpgp.decryptKey({ privateKey, passphrase });
  }
  return { privateKey, publicArmored: privateKey.toPublic().armor() };
}

/**
 * Without a configured key: an X25519/Ed25519 key pair generated on first use and kept in the settings
 * table (created once even when several processes race: insert-if-absent, then read back).
 */
async function fromDatabase(db: Db, name: string): Promise<PsirtKey> {
  const read = async () => {
    const [row] = await db.select().from(settings).where(eq(settings.key, SETTINGS_KEY));
    return row?.value as { privateKey: string } | undefined;
  };
  let stored = await read();
  if (!stored) {
    const { privateKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name }],
      format: 'armored',
    });
    await db.insert(settings).values({ key: SETTINGS_KEY, value: { privateKey } }).onConflictDoNothing();
    stored = await read();
  }
  const privateKey = await openpgp.readPrivateKey({ armoredKey: stored!.privateKey });
  return { privateKey, publicArmored: privateKey.toPublic().armor() };
}

/** The PSIRT's OpenPGP key: from MAMORI_PSIRT_PGP_KEY_FILE, else generated on first use. */
export function psirtKey(db: Db, config: Config): Promise<PsirtKey> {
  let key = keys.get(db);
  if (!key) {
    key = config.psirt.pgpKeyFile
      ? fromFile(config.psirt.pgpKeyFile, config.psirt.pgpPassphrase)
      : fromDatabase(db, config.psirt.name);
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/** Decrypts an armored message sent to the PSIRT key; a clear 400 (without echoing the input) when it cannot. */
export async function decryptReport(key: PsirtKey, armored: string, maxLength: number): Promise<string> {
  let text: string;
  try {
    const message = await openpgp.readMessage({ armoredMessage: armored });
    ({ data: text } = await openpgp.decrypt({ message, decryptionKeys: key.privateKey }));
  } catch {
    throw new AppError('validation', 'The encrypted report could not be decrypted with the PSIRT key.', [
      { path: 'body.encrypted', message: 'not an OpenPGP message for the published PSIRT key' },
    ]);
  }
  if (text.length > maxLength)
    throw new AppError('validation', 'The decrypted report is too long.', [
      { path: 'body.encrypted', message: `more than ${maxLength} characters` },
    ]);
  return text;
}

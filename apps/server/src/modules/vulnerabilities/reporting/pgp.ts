import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import * as openpgp from 'openpgp';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { AppError, msg } from '../../../platform/errors/app-error';
import { readTextCapped } from '../../../platform/files/stream';
import { tooLarge } from '../../../platform/files/too-large';
import { needsSealing, openStored, sealStored, type SecretsAtRest } from '../../../platform/secrets/at-rest';
import type { Keyring } from '../../../platform/secrets/keyring';
import { sealedKeyId } from '../../../platform/secrets/seal';
import { settings } from '../../../platform/settings/tables';

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

/** The settings row's value: the armored private key sealed (platform/secrets/at-rest.ts), or in clear as written before. */
type StoredKey = { sealed: string } | { privateKey: string };
const PLACE = 'settings.value|psirt.pgp';

const readStored = async (db: Db) => {
  const [row] = await db.select().from(settings).where(eq(settings.key, SETTINGS_KEY));
  return row?.value as StoredKey | undefined;
};

const sealedValue = (armored: string, ring?: Keyring): StoredKey => ({ sealed: sealStored('psirt-key', armored, PLACE, ring) });

/** Replaces the stored value by `next` only if it is still `before` (another process may have done it first). */
const replaceStored = (db: Db, before: StoredKey, next: StoredKey) =>
  db
    .update(settings)
    .set({ value: next, updatedAt: new Date() })
    .where(and(eq(settings.key, SETTINGS_KEY), sql`${settings.value} = ${JSON.stringify(before)}::jsonb`))
    .returning({ key: settings.key });

const armoredOf = (stored: StoredKey, ring?: Keyring) =>
  'sealed' in stored ? openStored('psirt-key', stored.sealed, PLACE, ring) : stored.privateKey;

/**
 * Without a configured key: an X25519/Ed25519 key pair generated on first use and kept, sealed, in the settings
 * table (created once even when several processes race: insert-if-absent, then read back). A key stored in clear
 * by an earlier version is sealed on first use (and by the start-up step, psirtKeyAtRest).
 */
async function fromDatabase(db: Db, name: string): Promise<PsirtKey> {
  let stored = await readStored(db);
  if (!stored) {
    const { privateKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name }],
      format: 'armored',
    });
    await db
      .insert(settings)
      .values({ key: SETTINGS_KEY, value: sealedValue(privateKey) })
      .onConflictDoNothing();
    stored = (await readStored(db))!;
  }
  const armored = armoredOf(stored);
  if (!('sealed' in stored)) await replaceStored(db, stored, sealedValue(armored));
  const privateKey = await openpgp.readPrivateKey({ armoredKey: armored });
  return { privateKey, publicArmored: privateKey.toPublic().armor() };
}

/** The generated PSIRT key for the start-up step that seals secrets at rest. */
export const psirtKeyAtRest: SecretsAtRest = {
  name: 'settings.psirt.pgp',
  async keyIds(db) {
    const stored = await readStored(db);
    const id = stored && 'sealed' in stored ? sealedKeyId(stored.sealed) : undefined;
    return id ? [id] : [];
  },
  async sealAll(db, ring) {
    const stored = await readStored(db);
    if (!stored || !needsSealing('sealed' in stored ? stored.sealed : stored.privateKey, ring)) return 0;
    return (await replaceStored(db, stored, sealedValue(armoredOf(stored, ring), ring))).length;
  },
};

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

const undecryptable = () =>
  new AppError('validation', msg('psirt.decrypt_failed'), [
    { path: 'body.encrypted', message: 'not an OpenPGP message for the published PSIRT key' },
  ]);

/** Room for the packets around the literal text (headers, a signature) within the decompression cap. */
const PACKET_ROOM = 64 * 1024;

/**
 * openpgp stops decompressing at `config.maxDecompressedMessageSize` with this error (zlib/zip through its
 * counting transform, bzip2 inside its block decoder); it has no error class, so its message is the signal.
 */
const isDecompressionCap = (err: unknown) => err instanceof Error && /^(Error .*: )?Maximum decompressed/.test(err.message);

/**
 * Decrypts an armored message sent to the PSIRT key, as a stream with a cap: at most `maxLength` characters of
 * text are ever held, and openpgp's decompression stops at the UTF-8 size of that (plus room for packet headers),
 * so a compression bomb (zlib, zip or bzip2) costs no more memory than an honest report. Over the cap: 413;
 * anything else that fails: a 400 that does not echo the input.
 */
export async function decryptReport(key: PsirtKey, armored: string, maxLength: number): Promise<string> {
  const config = { maxDecompressedMessageSize: maxLength * 4 + PACKET_ROOM };
  const tooLong = () => tooLarge(`The decrypted report is too large: at most ${maxLength} characters.`, 'body.encrypted');
  let text: string | null;
  try {
    const message = await openpgp.readMessage({ armoredMessage: textStream(armored), config });
    const { data } = await openpgp.decrypt({ message, decryptionKeys: key.privateKey, config });
    text = await readTextCapped(data, maxLength);
  } catch (err) {
    throw isDecompressionCap(err) ? tooLong() : undecryptable();
  }
  if (text === null) throw tooLong();
  return text;
}

/** A one-chunk stream: openpgp decrypts a streamed message lazily, so its plain text can be read with a cap. */
const textStream = (text: string) =>
  new ReadableStream<string>({
    start(controller) {
      controller.enqueue(text);
      controller.close();
    },
  });

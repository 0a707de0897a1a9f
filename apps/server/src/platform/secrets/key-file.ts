import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MASTER_KEY_BYTES, parseMasterKey } from './master-key';

export const KEY_FILE_NAME = 'secret.key';

/** A key file that cannot be used: the reason is meant for the operator. */
export class KeyFileError extends Error {}

/**
 * The key file in the data directory: one key per line (base64), the first current, the later ones older keys
 * kept to read what they protected; `#` lines are comments. Created on first start, mode 0600, exclusively
 * (two processes starting at once end up with the same key: the second reads what the first wrote).
 * A file that others may read is refused, as ssh refuses a private key that is not private.
 */
export function readOrCreateKeyFile(dataDir: string): { file: string; keys: Buffer[]; created: boolean } {
  const file = join(dataDir, KEY_FILE_NAME);
  let created = false;
  mkdirSync(dataDir, { recursive: true });
  try {
    const fresh = randomBytes(MASTER_KEY_BYTES).toString('base64');
    writeFileSync(file, `# Mamori master key: keep it secret and back it up apart from the database backups.\n${fresh}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    created = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && mode & 0o077)
    throw new KeyFileError(`${file} may be read by others (mode ${mode.toString(8)}): chmod 600 ${file}`);
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const keys = lines.map((line, i) => {
    const key = parseMasterKey(line);
    if (typeof key === 'string') throw new KeyFileError(`${file}, key ${i + 1}: ${key}`);
    return key;
  });
  if (!keys.length) throw new KeyFileError(`${file} holds no key`);
  return { file, keys, created };
}

/**
 * Rotation: writes a new random key first in the key file, the keys it held after it (still needed to read what
 * they protected: audit events, older backups). The file is replaced whole (written beside it, 0600, then
 * renamed), so a process reading it meanwhile sees the old file or the new one. Returns the new key.
 */
export function prependNewKey(dataDir: string): { file: string; key: Buffer; keys: Buffer[] } {
  const { file, keys: held } = readOrCreateKeyFile(dataDir);
  const key = randomBytes(MASTER_KEY_BYTES);
  const keys = [key, ...held];
  const text =
    '# Mamori master keys: the first is current, the others are kept to read what they protected.\n' +
    '# Keep this file secret and back it up apart from the database backups.\n' +
    keys.map((k) => `${k.toString('base64')}\n`).join('');
  const partial = `${file}.${process.pid}.new`;
  writeFileSync(partial, text, { mode: 0o600, flag: 'w' });
  renameSync(partial, file);
  return { file, key, keys };
}

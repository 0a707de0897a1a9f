import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { MissingKeyError, processKeyring, type Keyring } from '../secrets/keyring';
import { BACKUP_FORMAT, BackupHeader, READABLE_VERSIONS } from './format';
import { buildMigrations, describeMigration } from './migrations';

/** A file that cannot be restored: the reason is meant for the operator. */
export class BackupFileError extends Error {}

const MAX_LINE = 64 * 1024 * 1024;

/** The lines of a gzip'd file, streamed. */
export async function* readLines(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  pipeline(createReadStream(file), gunzip, () => undefined); // an error destroys gunzip, which ends the loop with it
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  try {
    for await (const chunk of gunzip) {
      buffer += decoder.write(chunk as Buffer);
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      yield* parts;
      if (buffer.length > MAX_LINE) throw new BackupFileError(`${file} has a line longer than ${MAX_LINE} bytes`);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupFileError(`${file} does not exist`);
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR')
      throw new BackupFileError(`${file} is not a Mamori backup (not gzip data, or cut short)`);
    throw err;
  }
  buffer += decoder.end();
  if (buffer) yield buffer;
}

/**
 * Parses and checks the first line: a Mamori backup, of a version and a schema this build can restore, whose keys
 * this process holds (a backup sealed under another installation's key is refused here, before anything is written).
 */
export function parseHeader(line: string | undefined, file: string, ring: Keyring = processKeyring()): BackupHeader {
  let json: unknown;
  try {
    json = JSON.parse(line ?? '');
  } catch {
    throw new BackupFileError(`${file} is not a Mamori backup`);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new BackupFileError(`${file} is not a Mamori backup`);
  const version = (json as { version?: unknown }).version;
  if (!READABLE_VERSIONS.includes(version as never))
    throw new BackupFileError(
      `${file} is a backup of format version ${String(version)}; this Mamori reads versions ${READABLE_VERSIONS.join(' and ')}`,
    );
  const parsed = BackupHeader.safeParse(json);
  if (!parsed.success) throw new BackupFileError(`${file} has a damaged header (${parsed.error.issues[0]?.message})`);
  const encryption = parsed.data.encryption;
  if (parsed.data.version >= 2 && !encryption) throw new BackupFileError(`${file} has a damaged header (no encryption block)`);
  for (const keyId of encryption?.keys ?? [])
    if (!ring.has(keyId)) throw new BackupFileError(new MissingKeyError(keyId, file, ring.source).message);
  const last = parsed.data.migrations.last;
  if (last) {
    const ours = buildMigrations();
    const newest = ours.at(-1);
    if (!newest || last.createdAt > newest.createdAt)
      throw new BackupFileError(
        `${file} was made by a newer Mamori (schema ${describeMigration(last)}); upgrade Mamori before restoring it`,
      );
    if (!ours.some((m) => m.createdAt === last.createdAt))
      throw new BackupFileError(`${file} has a schema (${describeMigration(last)}) this Mamori does not know`);
  }
  return parsed.data;
}

export async function readHeader(file: string): Promise<BackupHeader> {
  for await (const line of readLines(file)) return parseHeader(line, file);
  throw new BackupFileError(`${file} is empty`);
}

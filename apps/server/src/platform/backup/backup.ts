import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { processKeyring, type Keyring } from '../secrets/keyring';
import { seal } from '../secrets/seal';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from './format';
import { appliedMigrations } from './migrations';
import { SECRET_COLUMNS } from './secret-columns';
import { cast, ident, list, SET_TEXT_FORMS } from './sql';
import { backupTables, type BackupTable } from './tables';

type TextRow = Record<string, string | null>;

/**
 * One page of a table in keyset order, every column in its text form. The keys are qualified
 * (src.col): a bare name in ORDER BY would sort by the text alias of the same name.
 */
function page(tx: Db, table: BackupTable, after: TextRow | undefined, size: number) {
  const columns = list(table.columns.map((c) => sql`src.${ident(c.name)}::text AS ${ident(c.name)}`));
  const keys = list(table.orderBy.map((c) => sql`src.${ident(c.name)}`));
  const where: SQL = after ? sql`WHERE (${keys}) > (${list(table.orderBy.map((c) => cast(sql`${after[c.name]}`, c)))})` : sql``;
  return queryRows<TextRow>(tx, sql`SELECT ${columns} FROM ${ident(table.name)} AS src ${where} ORDER BY ${keys} LIMIT ${size}`);
}

/** Where a sealed value belongs: a value moved to another backup, table or column does not open. */
export const sealedPlace = (backupId: string, table: string, column: string) => `mamori-backup/${backupId}/${table}.${column}`;

/** The row as written: its secret columns sealed (the page's keyset is read from the clear row, before this). */
function sealRow(ring: Keyring, backupId: string, table: string, row: TextRow): TextRow {
  const secret = SECRET_COLUMNS[table];
  if (!secret) return row;
  const out = { ...row };
  for (const c of secret) {
    const value = out[c];
    if (value != null) out[c] = seal(ring, 'backup', value, sealedPlace(backupId, table, c));
  }
  return out;
}

async function* lines(tx: Db, header: BackupHeader, tables: BackupTable[], batch: number, ring: Keyring): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  const backupId = header.encryption!.backupId;
  for (const table of tables) {
    let last: TextRow | undefined;
    for (;;) {
      const rows = await page(tx, table, last, batch);
      if (rows.length)
        yield rows.map((r) => `${JSON.stringify({ t: table.name, r: sealRow(ring, backupId, table.name, r) })}\n`).join('');
      if (rows.length < batch) break;
      last = rows[rows.length - 1];
    }
  }
}

/** The master keys a restore needs: the one sealing this backup, and the one MACing the audit chain's head. */
async function neededKeys(tx: Db, ring: Keyring): Promise<string[]> {
  const [head] = await queryRows<{ key_id: string | null }>(tx, sql`SELECT key_id FROM audit_events ORDER BY seq DESC LIMIT 1`);
  return [...new Set([ring.current.id, ...(head?.key_id ? [head.key_id] : [])])];
}

export interface BackupSummary {
  file: string;
  tables: { name: string; rows: number }[];
}

/**
 * Writes every table to one gzip'd JSON-lines file, from one consistent snapshot, page by page
 * (never the whole database in memory). The file is created readable by its owner only (0600), its secret
 * columns sealed under the backup key; it appears under its name only once complete.
 */
export async function writeBackup(
  db: Db,
  file: string,
  opts: { batchSize?: number; keyring?: Keyring } = {},
): Promise<BackupSummary> {
  const tables = backupTables();
  const ring = opts.keyring ?? processKeyring();
  const partial = `${file}.partial`;
  try {
    await rm(partial, { force: true }); // a leftover of a killed run: created anew below, exclusively, 0600
    return await db.transaction(
      async (t) => {
        const tx = t as unknown as Db;
        await tx.execute(SET_TEXT_FORMS);
        const migrations = await appliedMigrations(tx);
        const counted = [];
        for (const table of tables) {
          const [row] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${ident(table.name)}`);
          counted.push({ name: table.name, columns: table.columns.map((c) => c.name), rows: row?.n ?? 0 });
        }
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          migrations: { count: migrations.length, last: migrations.at(-1) ?? null },
          tables: counted,
          encryption: {
            alg: 'AES-256-GCM',
            keyId: ring.current.id,
            backupId: randomUUID(),
            columns: Object.fromEntries(
              tables.filter((t) => SECRET_COLUMNS[t.name]).map((t) => [t.name, [...SECRET_COLUMNS[t.name]!]]),
            ),
            keys: await neededKeys(tx, ring),
          },
        };
        await pipeline(
          Readable.from(lines(tx, header, tables, opts.batchSize ?? 2000, ring)),
          createGzip(),
          createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
        );
        await chmod(partial, 0o600); // whatever the umask
        await rename(partial, file);
        return { file, tables: counted.map(({ name, rows }) => ({ name, rows })) };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

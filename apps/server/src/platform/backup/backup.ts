import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from './format';
import { appliedMigrations } from './migrations';
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

async function* lines(tx: Db, header: BackupHeader, tables: BackupTable[], batch: number): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const table of tables) {
    let last: TextRow | undefined;
    for (;;) {
      const rows = await page(tx, table, last, batch);
      if (rows.length) yield rows.map((r) => `${JSON.stringify({ t: table.name, r })}\n`).join('');
      if (rows.length < batch) break;
      last = rows[rows.length - 1];
    }
  }
}

export interface BackupSummary {
  file: string;
  tables: { name: string; rows: number }[];
}

/**
 * Writes every table to one gzip'd JSON-lines file, from one consistent snapshot, page by page
 * (never the whole database in memory). The file appears under its name only once complete.
 */
export async function writeBackup(db: Db, file: string, opts: { batchSize?: number } = {}): Promise<BackupSummary> {
  const tables = backupTables();
  const partial = `${file}.partial`;
  try {
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
        };
        await pipeline(
          Readable.from(lines(tx, header, tables, opts.batchSize ?? 2000)),
          createGzip(),
          createWriteStream(partial),
        );
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

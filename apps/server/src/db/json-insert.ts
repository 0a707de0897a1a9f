import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';
import { queryRows } from './sql';

const JSON_COLUMNS = new Set(['PgJsonb', 'PgJson']);

/**
 * Inserts many rows through one parameter: `INSERT … SELECT … FROM jsonb_populate_recordset(NULL::table, $1)`.
 * For the bulk writers (staged imports, the audit chain of an import): drizzle's multi-row `insert().values()`
 * builds a parameter object and a text chunk per cell, which for 100,000 rows was most of an import's garbage
 * (bench/README.md, asset import memory). Every row must give the same columns (a column left out takes its
 * default, so a row without it would not mean what it says); values go through each column's driver mapping,
 * JSON columns as they are. With `returning`, the inserted rows come back as drizzle's select would give them.
 */
export async function insertJsonRows<T extends PgTable>(
  db: Db,
  table: T,
  rows: T['$inferInsert'][],
  options: { returning: true },
): Promise<T['$inferSelect'][]>;
export async function insertJsonRows<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]): Promise<void>;
export async function insertJsonRows<T extends PgTable>(
  db: Db,
  table: T,
  rows: T['$inferInsert'][],
  options?: { returning: true },
): Promise<T['$inferSelect'][] | void> {
  if (!rows.length) return options?.returning ? [] : undefined;
  const columns = Object.entries(getTableColumns(table));
  const keys = Object.keys(rows[0]!).sort();
  const used = columns.filter(([key]) => keys.includes(key));
  if (used.length !== keys.length) throw new Error(`insertJsonRows: ${getTableName(table)} has no column for some of ${keys}`);
  const records = rows.map((row) => {
    const values = row as Record<string, unknown>;
    if (Object.keys(values).length !== keys.length) throw new Error('insertJsonRows: every row must give the same columns');
    const record: Record<string, unknown> = {};
    for (const [key, column] of used) {
      const v = values[key];
      if (v === undefined) throw new Error(`insertJsonRows: ${key} missing in a row`);
      const driver = v === null || JSON_COLUMNS.has(column.columnType) ? v : column.mapToDriverValue(v);
      record[column.name] = typeof driver === 'bigint' ? driver.toString() : driver; // JSON has no bigint: its text
    }
    return record;
  });
  const names = sql.raw(used.map(([, c]) => `"${c.name}"`).join(', '));
  const query: SQL = sql`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_populate_recordset(NULL::${table}, ${JSON.stringify(records)}::jsonb)`;
  if (!options?.returning) {
    await db.execute(query);
    return;
  }
  const raw = await queryRows<Record<string, unknown>>(db, sql`${query} RETURNING *`);
  return raw.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const v = r[column.name];
      out[key] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
    }
    return out as T['$inferSelect'];
  });
}

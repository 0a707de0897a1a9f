import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { processKeyring, type Keyring } from '../secrets/keyring';
import { SealError, unseal } from '../secrets/seal';
import { sealedPlace } from './backup';
import { RowLine, type BackupHeader } from './format';
import { BackupFileError, parseHeader, readLines } from './read';
import { cast, ident, list, SET_TEXT_FORMS } from './sql';
import { backupTables, type BackupTable } from './tables';

/** Rows a server start may have written before anyone used it (scheduled job runs): cleared by a restore. */
const DISPOSABLE = new Set(['jobs']);

/** Refuses anything but a new database: no account, no audit event, nothing but disposable rows. */
export async function assertEmpty(db: Db): Promise<void> {
  const counts = new Map<string, number>();
  for (const t of backupTables()) {
    const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${ident(t.name)}`);
    counts.set(t.name, row?.n ?? 0);
  }
  const users = counts.get('users') ?? 0;
  const events = counts.get('audit_events') ?? 0;
  const other = [...counts].filter(([name, n]) => n > 0 && !DISPOSABLE.has(name));
  if (users || events || other.length) {
    const what =
      users || events ? `${users} accounts, ${events} audit events` : other.map(([t, n]) => `${n} rows in ${t}`).join(', ');
    throw new BackupFileError(`the database is not empty (${what}): restore only into a new, empty database`);
  }
}

interface Target {
  table: BackupTable;
  columns: BackupTable['columns'];
  identity: boolean;
  /** columns holding sealed values in this file */
  sealed: string[];
}

/** Checks the header's tables and columns against this build's schema. */
function targets(header: BackupHeader, file: string): Map<string, Target> {
  const ours = new Map(backupTables().map((t) => [t.name, t]));
  const map = new Map<string, Target>();
  for (const t of header.tables) {
    const table = ours.get(t.name);
    if (!table) throw new BackupFileError(`${file} has a table ${t.name} this Mamori does not know`);
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    const unknown = t.columns.find((c) => !byName.has(c));
    if (unknown) throw new BackupFileError(`${file} has a column ${t.name}.${unknown} this Mamori does not know`);
    const sealed = header.encryption?.columns[t.name] ?? [];
    map.set(t.name, { table, columns: t.columns.map((c) => byName.get(c)!), identity: false, sealed });
  }
  return map;
}

async function identityColumns(tx: Db) {
  return queryRows<{ table_name: string; column_name: string }>(
    tx,
    sql`SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`,
  );
}

/** Inserts rows given in text form, cast back to the column types. Identity values are kept as they were. */
async function insertRows(tx: Db, target: Target, rows: Record<string, string | null>[]): Promise<void> {
  const cols = list(target.columns.map((c) => ident(c.name)));
  const values = list(target.columns.map((c) => cast(sql`x.${ident(c.name)}`, c)));
  const shape = list(target.columns.map((c) => sql`${ident(c.name)} text`));
  const overriding = target.identity ? sql`OVERRIDING SYSTEM VALUE` : sql``;
  await tx.execute(
    sql`INSERT INTO ${ident(target.table.name)} (${cols}) ${overriding}
        SELECT ${values} FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(${shape})`,
  );
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: { name: string; rows: number }[];
}

/**
 * Restores a backup into an empty, migrated database, all rows in ONE transaction: a failure or a kill
 * part-way leaves the database as empty as it was. Only INSERTs: the audit table's trigger refuses
 * UPDATE and DELETE, and a restore needs neither.
 */
export async function restoreBackup(
  db: Db,
  file: string,
  opts: { batchSize?: number; keyring?: Keyring } = {},
): Promise<RestoreSummary> {
  const batchSize = opts.batchSize ?? 500;
  const lines = readLines(file);
  try {
    return await restoreLines(db, file, lines, batchSize, opts.keyring ?? processKeyring());
  } finally {
    await lines.return(undefined);
  }
}

async function restoreLines(
  db: Db,
  file: string,
  lines: AsyncGenerator<string>,
  batchSize: number,
  ring: Keyring,
): Promise<RestoreSummary> {
  const first = await lines.next();
  const header = parseHeader(first.done ? undefined : first.value, file, ring);
  const open = (target: Target, row: Record<string, string | null>, lineNo: number) => {
    for (const c of target.sealed) {
      const value = row[c];
      if (value == null) continue;
      try {
        row[c] = unseal(ring, 'backup', value, sealedPlace(header.encryption!.backupId, target.table.name, c));
      } catch (err) {
        if (err instanceof SealError) throw new BackupFileError(`${file}, line ${lineNo}: ${err.message}`);
        throw err;
      }
    }
    return row;
  };
  const byName = targets(header, file);
  await assertEmpty(db);
  const counts = new Map(header.tables.map((t) => [t.name, 0]));
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx.execute(SET_TEXT_FORMS);
    // Triggers that freeze published records (a published plan's activities) let the restore write them back.
    await tx.execute(sql`SELECT set_config('mamori.restoring', 'on', true)`);
    const identities = await identityColumns(tx);
    for (const target of byName.values()) target.identity = identities.some((i) => i.table_name === target.table.name);
    for (const name of DISPOSABLE) await tx.execute(sql`DELETE FROM ${ident(name)}`);
    let pending: { target: Target; rows: Record<string, string | null>[] } | undefined;
    const flush = async () => {
      if (pending?.rows.length) await insertRows(tx, pending.target, pending.rows);
      pending = undefined;
    };
    let lineNo = 1;
    for await (const line of lines) {
      lineNo++;
      if (!line) continue;
      const parsed = RowLine.safeParse(safeJson(line));
      if (!parsed.success) throw new BackupFileError(`${file}, line ${lineNo}: not a row of a Mamori backup`);
      const target = byName.get(parsed.data.t);
      if (!target) throw new BackupFileError(`${file}, line ${lineNo}: table ${parsed.data.t} is not in the header`);
      if (pending && pending.target !== target) await flush();
      pending ??= { target, rows: [] };
      pending.rows.push(open(target, parsed.data.r, lineNo));
      counts.set(target.table.name, (counts.get(target.table.name) ?? 0) + 1);
      if (pending.rows.length >= batchSize) await flush();
    }
    await flush();
    for (const t of header.tables) {
      if (counts.get(t.name) !== t.rows)
        throw new BackupFileError(`${file} is incomplete: ${t.name} has ${counts.get(t.name)} rows of ${t.rows}`);
    }
    for (const i of identities) {
      await tx.execute(
        sql`SELECT setval(pg_get_serial_sequence(${`"${i.table_name}"`}, ${i.column_name}),
                          COALESCE((SELECT max(${ident(i.column_name)}) FROM ${ident(i.table_name)}), 0) + 1, false)`,
      );
    }
  });
  return { header, tables: header.tables.map((t) => ({ name: t.name, rows: t.rows })) };
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

import { getTableName, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema';

export interface BackupColumn {
  name: string;
  /** SQL type, for the casts from the text form back to the column. */
  type: string;
}

export interface BackupTable {
  name: string;
  /** Stored columns (generated ones are left out: the database computes them). */
  columns: BackupColumn[];
  /** Keyset order for paging: a self-referencing table's level column first (parents before children), then the primary key. */
  orderBy: BackupColumn[];
}

/**
 * A table that references itself must be written parents first. The column that orders it that way
 * (org_units: depth, the root being 0) is looked for by these names.
 */
const LEVEL_COLUMNS = ['depth', 'level'];

function describe(table: PgTable): BackupTable & { dependsOn: string[] } {
  const config = getTableConfig(table);
  const name = getTableName(table);
  const columns = config.columns.filter((c) => !c.generated).map((c) => ({ name: c.name, type: castType(c.getSQLType()) }));
  const byName = new Map(columns.map((c) => [c.name, c]));
  const pk = config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
  if (!pk.length) throw new Error(`Table ${name} has no primary key: a backup cannot page through it`);
  const targets = config.foreignKeys.map((fk) => getTableName(fk.reference().foreignTable));
  const selfReferencing = targets.includes(name);
  const level = selfReferencing ? LEVEL_COLUMNS.find((c) => byName.has(c)) : undefined;
  if (selfReferencing && !level)
    throw new Error(`Table ${name} references itself but has no ${LEVEL_COLUMNS.join('/')} column to write parents first`);
  return {
    name,
    columns,
    orderBy: [...(level ? [level] : []), ...pk].map((c) => byName.get(c)!),
    dependsOn: [...new Set(targets.filter((t) => t !== name))],
  };
}

/** Every table of db/schema.ts, referenced tables before the tables that reference them. */
export function backupTables(): BackupTable[] {
  const all = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable)).map(describe);
  const done = new Set<string>();
  const ordered: BackupTable[] = [];
  while (ordered.length < all.length) {
    const ready = all.filter((t) => !done.has(t.name) && t.dependsOn.every((d) => done.has(d)));
    if (!ready.length) {
      const stuck = all.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new Error(`Foreign keys form a cycle between ${stuck.join(', ')}`);
    }
    for (const { dependsOn: _, ...t } of ready) {
      done.add(t.name);
      ordered.push(t);
    }
  }
  return ordered;
}

/** The type a restored value is cast to: serial types are column defaults, not types (`::serial` fails). */
const SERIAL_TYPES: Record<string, string> = { smallserial: 'smallint', serial: 'integer', bigserial: 'bigint' };
export const castType = (sqlType: string): string => SERIAL_TYPES[sqlType] ?? sqlType;

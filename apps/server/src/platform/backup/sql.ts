import { sql, type SQL } from 'drizzle-orm';
import type { BackupColumn } from './tables';

export const ident = (name: string): SQL => sql`${sql.identifier(name)}`;
export const list = (parts: SQL[]) => sql.join(parts, sql`, `);

/** `value::type`: a text form read back into its column type. Types come from the schema, never from a file. */
export const cast = (value: SQL, column: BackupColumn) => sql`${value}::${sql.raw(column.type)}`;

/**
 * Rows travel as PostgreSQL's own text form (what pg_dump writes): exact for every type —
 * microseconds of timestamps, 64-bit integers, jsonb — whatever the JavaScript driver would make of them.
 */
export const SET_TEXT_FORMS = sql`SET LOCAL datestyle = 'ISO, YMD'`;

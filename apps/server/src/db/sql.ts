import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from './client';

/** Rows of a raw query, the same on PGlite and node-postgres. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A statement written by hand: text with `$1…$n` placeholders and their values. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** Builds a `Statement`: `param(v)` appends a value and returns its placeholder. */
export function statementBuilder() {
  const values: unknown[] = [];
  return {
    values,
    param: (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

/**
 * Rows of a hand-written statement, for the few hot paths where building the statement with drizzle cost
 * more than running it (bench/README.md, people list). On the PostgreSQL pool it is a named prepared
 * statement: each connection parses and plans it once, then only binds and executes it. The name is a hash
 * of the text, so every shape of the statement (filters present or not) is its own statement: keep the
 * shapes few and the values in parameters, never in the text. On PGlite it is an ordinary query; inside a
 * transaction it goes through drizzle, so that it sees the transaction's writes.
 */
export async function queryStatement<T>(db: Db, { text, values }: Statement): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    const name = `mamori_${createHash('sha1').update(text).digest('base64url')}`;
    return (await client.query<T & pg.QueryResultRow>({ name, text, values })).rows;
  }
  if (client instanceof PGlite) return (await client.query<T>(text, values)).rows;
  const parts = text.split(/\$(\d+)/);
  const chunks = parts.map((part, i) => (i % 2 ? sql`${values[Number(part) - 1]}` : sql.raw(part)));
  return queryRows<T>(db, sql.join(chunks, sql``));
}

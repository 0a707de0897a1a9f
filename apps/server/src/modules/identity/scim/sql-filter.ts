import { sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../../platform/access/scope';
import { badRequest } from './errors';
import type { AttrPath, CompareOp, Filter, Value } from './filter';
import type { AttrType } from './schema';

/**
 * Turns a parsed SCIM filter into one SQL condition, values always bound as parameters. Each resource says how
 * an attribute path maps to SQL (`Resolver`): a column or a JSON field (`Scalar`), or a multi-valued attribute
 * (`Multi`) tested with EXISTS over its values. An attribute the resource does not know: `invalidFilter`.
 */
export interface Scalar {
  kind: 'scalar';
  expr: SQL;
  type: AttrType;
  caseExact: boolean;
}
export interface Multi {
  kind: 'multi';
  /** EXISTS over the values, with `cond` built from a resolver of the value's sub-attributes */
  exists(cond: (sub: (name: string) => Scalar) => SQL): SQL;
}
export type Resolver = (path: AttrPath) => Scalar | Multi | undefined;

const invalid = (why: string) => badRequest('invalidFilter', `Invalid filter: ${why}`);
const name = (p: AttrPath) => [p.uri, [p.attr, p.sub].filter(Boolean).join('.')].filter(Boolean).join(':');

function resolveOrFail(resolve: Resolver, p: AttrPath) {
  const r = resolve(p);
  if (!r) throw invalid(`unknown attribute ${name(p)}`);
  return r;
}

export function toSql(f: Filter, resolve: Resolver): SQL {
  switch (f.kind) {
    case 'and':
      return sql`(${toSql(f.left, resolve)} AND ${toSql(f.right, resolve)})`;
    case 'or':
      return sql`(${toSql(f.left, resolve)} OR ${toSql(f.right, resolve)})`;
    case 'not':
      return sql`(NOT coalesce(${toSql(f.filter, resolve)}, false))`;
    case 'valuePath': {
      const r = resolveOrFail(resolve, f.path);
      if (r.kind !== 'multi') throw invalid(`${name(f.path)} is not multi-valued`);
      return r.exists((sub) => toSql(f.filter, (p) => (p.uri || p.sub ? undefined : sub(p.attr))));
    }
    case 'pr':
    case 'cmp': {
      const r = resolveOrFail(resolve, f.path);
      if (r.kind === 'multi') {
        // `emails co "x"` tests the values' `value`; `emails.type eq "work"` their `type`
        const inner = { ...f.path, attr: f.path.sub ?? 'value', uri: undefined, sub: undefined };
        return r.exists((sub) => (f.kind === 'pr' ? present(sub(inner.attr)) : compare(sub(inner.attr), f.op, f.value, f.path)));
      }
      return f.kind === 'pr' ? present(r) : compare(r, f.op, f.value, f.path);
    }
  }
}

function present(s: Scalar): SQL {
  return s.type === 'string' || s.type === 'reference'
    ? sql`(${s.expr} IS NOT NULL AND ${s.expr} <> '')`
    : sql`(${s.expr} IS NOT NULL)`;
}

function compare(s: Scalar, op: CompareOp, value: Value, path: AttrPath): SQL {
  if (value === null) {
    if (op === 'eq') return sql`(NOT ${present(s)})`;
    if (op === 'ne') return present(s);
    throw invalid(`${op} null is meaningless`);
  }
  if (s.type === 'boolean') {
    if (typeof value !== 'boolean') throw invalid(`${name(path)} is compared with true or false`);
    if (op === 'eq') return sql`(${s.expr} = ${value})`;
    if (op === 'ne') return sql`(${s.expr} IS DISTINCT FROM ${value})`;
    throw invalid(`${op} does not apply to a boolean`);
  }
  if (s.type === 'dateTime') {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
      throw invalid(`${name(path)} is compared with a date-time string`);
    const at = new Date(value).toISOString();
    const ops: Partial<Record<CompareOp, SQL>> = {
      eq: sql`=`,
      ne: sql`<>`,
      gt: sql`>`,
      ge: sql`>=`,
      lt: sql`<`,
      le: sql`<=`,
    };
    const o = ops[op];
    if (!o) throw invalid(`${op} does not apply to a date-time`);
    return sql`(${s.expr} ${o} ${at}::timestamptz)`;
  }
  if (typeof value === 'boolean') throw invalid(`${name(path)} is not a boolean`);
  const text = String(value);
  const expr = s.caseExact ? s.expr : sql`lower(${s.expr})`;
  const v = s.caseExact ? text : text.toLowerCase();
  switch (op) {
    case 'eq':
      return sql`(${expr} = ${v})`;
    case 'ne':
      return sql`(${expr} IS DISTINCT FROM ${v})`;
    case 'co':
      return sql`(${expr} LIKE ${`%${escapeLike(v)}%`})`;
    case 'sw':
      return sql`(${expr} LIKE ${`${escapeLike(v)}%`})`;
    case 'ew':
      return sql`(${expr} LIKE ${`%${escapeLike(v)}`})`;
    case 'gt':
      return sql`(${expr} > ${v})`;
    case 'ge':
      return sql`(${expr} >= ${v})`;
    case 'lt':
      return sql`(${expr} < ${v})`;
    case 'le':
      return sql`(${expr} <= ${v})`;
  }
}

/** Quotes a name from the attribute definitions (never from the request) as an SQL literal. */
const literal = (name: string) => {
  if (!/^[A-Za-z0-9:._$-]+$/.test(name)) throw new Error(`not an attribute name: ${name}`);
  return sql.raw(`'${name}'`);
};

/** A JSON field of a jsonb column, as text: `resource #>> '{name,givenName}'` (canonical names only). */
export const jsonText = (column: SQL, keys: string[]): SQL => {
  for (const k of keys) literal(k);
  return sql`(${column} #>> ${sql.raw(`'{${keys.map((k) => `"${k}"`).join(',')}}'`)})`;
};

/** A multi-valued attribute kept as a JSON array in a jsonb column; `subTypes` gives a sub-attribute's canonical name and type. */
export const jsonArray = (
  column: SQL,
  key: string,
  subTypes: (sub: string) => { name: string; type: AttrType; caseExact: boolean } | undefined,
): Multi => ({
  kind: 'multi',
  exists: (cond) =>
    sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${column} -> ${literal(key)}) = 'array' THEN ${column} -> ${literal(key)} ELSE '[]'::jsonb END) AS e(v) WHERE ${cond(
      (sub) => {
        const t = subTypes(sub);
        if (!t) throw invalid(`unknown attribute ${key}.${sub}`);
        const field = sql`(e.v ->> ${literal(t.name)})`;
        const expr = t.type === 'boolean' ? sql`(${field})::boolean` : field;
        return { kind: 'scalar', expr, type: t.type, caseExact: t.caseExact };
      },
    )})`,
});

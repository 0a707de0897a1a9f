import fc from 'fast-check';

/**
 * fast-check arbitraries that turn the JSON Schemas of the OpenAPI document into hostile input: mostly values
 * the schema accepts (so the request gets past validation and reaches the service and the database), with
 * NUL characters, lone surrogates, very long strings, numbers out of any range, odd dates, forged cursors,
 * wrong types and extra fields mixed in.
 */

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** Ids seen in the app's answers, by the name of the list or field they came from. */
export type IdPools = Map<string, string[]>;

/**
 * clean: every value one the schema accepts (edges included), so the request reaches the service and the
 * database; poisoned: the same, but strings may hold a NUL or a lone surrogate (within their length); hostile:
 * anything (odd dates, forged cursors, numbers out of range, wrong types, extra fields).
 */
export type Mode = 'clean' | 'poisoned' | 'hostile';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export const ODD_DATES = [
  '0000-01-01T00:00:00Z',
  '0000-01-01',
  '1899-12-31T23:59:59Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2024-02-30',
  '2024-13-01T00:00:00Z',
  '2024-01-01T25:00:00Z',
  '2200-12-31T23:59:59-14:00',
  '1900-01-01T00:00:00+14:00',
];

export const FORGED_CURSORS = [
  'WzEsMl0', // [1,2]
  b64(['x', 'y']),
  b64([null, null]),
  b64(['2026-01-01T00:00:00.000Z', 'not-a-uuid']),
  b64(['0000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
  b64(['\u0000', '00000000-0000-4000-8000-000000000000']),
  b64([1e308, '00000000-0000-4000-8000-000000000000']),
  b64({ a: 1 }),
  b64('x'.repeat(300)),
  '!!!',
  '',
];

/** Strings that have broken servers: storage, parsing, lengths, encodings. */
const HOSTILE_STRINGS: fc.Arbitrary<string>[] = [
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00y',
    '\udbff',
    '',
    ' ',
    '💥',
    '\u202e',
    '%00',
    "' OR 1=1 --",
    '../../etc/passwd',
    'NaN',
    '-1',
    '1e309',
    '99999999999999999999',
    'null',
    'true',
    '[]',
    '{}',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
  ),
  fc.constantFrom(...ODD_DATES),
  fc.constantFrom(...FORGED_CURSORS),
  fc.integer({ min: 201, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null)), { maxLength: 3 }).map(b64),
];
export const hostileString = fc.oneof(...HOSTILE_STRINGS);

const HOSTILE_NUMBERS = [0, -1, -0, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, -(2 ** 63)];
export const hostileNumber = fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.double());

/** A value of a type the schema did not ask for. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constant([hostileString]),
);

/** A string the schema accepts (its longest now and then); hostile: with a NUL or a lone surrogate, or worse. */
function textFor(s: JsonSchema, mode: Mode): fc.Arbitrary<string> {
  const min = Math.max(s.minLength ?? 0, 1);
  const max = Math.max(Math.min(s.maxLength ?? 60, 60), min);
  const plain = fc.oneof(
    { arbitrary: fc.string({ minLength: min, maxLength: max }).filter((v) => v.trim().length >= min), weight: 4 },
    { arbitrary: fc.constant('ç💥漢字'.repeat(min).slice(0, Math.max(min, 4))), weight: 1 },
    { arbitrary: fc.constant('x'.repeat(s.maxLength ?? 1000)), weight: 1 },
  );
  if (mode === 'clean') return plain;
  const poisoned = fc
    .tuple(plain, fc.constantFrom('\u0000', '\ud800', '\udfff'))
    .map(([t, bad]) => (t.length > 1 ? t.slice(0, -1) : t) + bad);
  return mode === 'poisoned' ? fc.oneof(plain, poisoned) : fc.oneof(plain, poisoned, hostileString);
}

// mostly past days: many records refuse a date in the future (a discovery, a visit), and those answers teach nothing
const someDay = fc.date({ min: new Date('1990-01-01'), max: new Date('2025-12-31'), noInvalidDate: true });
const EDGE_INSTANTS = [
  '1900-01-01T00:00:00Z',
  '2200-12-31T23:59:59.999Z',
  '1900-01-01T00:00:00+14:00',
  '2200-12-31T23:59:59-12:00',
];
const EDGE_DAYS = ['1900-01-01', '2200-12-31', '2024-02-29'];

function stringFor(s: JsonSchema, name: string, pools: IdPools, mode: Mode): fc.Arbitrary<unknown> {
  const known = poolFor(name, pools);
  if (s.format === 'uuid')
    return known.length
      ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 })
      : fc.uuid();
  // a value seen in the app's answers for a field of this name (catalog ids, codes): it passes validation
  if (known.length) return fc.oneof(fc.constantFrom(...known), stringFor(s, '', pools, mode));
  const odd = fc.constantFrom(...ODD_DATES);
  if (s.format === 'date-time')
    return fc.oneof(
      someDay.map((d) => d.toISOString()),
      mode !== 'hostile' ? fc.constantFrom(...EDGE_INSTANTS) : odd,
    );
  if (s.format === 'date')
    return fc.oneof(
      someDay.map((d) => d.toISOString().slice(0, 10)),
      mode !== 'hostile' ? fc.constantFrom(...EDGE_DAYS) : odd,
    );
  if (s.format === 'email')
    return mode !== 'hostile'
      ? fc.constantFrom('someone@example.test', 'x@y.example')
      : fc.constantFrom('a\u0000@example.test', `${'x'.repeat(300)}@example.test`);
  if (name === 'cursor') return mode !== 'hostile' ? fc.constant(undefined) : fc.constantFrom(...FORGED_CURSORS);
  if (s.pattern) {
    try {
      const matching = fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 1000));
      return mode !== 'hostile' ? matching : fc.oneof(matching, hostileString);
    } catch {
      /* a pattern fast-check cannot generate from: plain text below */
    }
  }
  return textFor(s, mode);
}

function numberFor(s: JsonSchema, integer: boolean, mode: Mode): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
  const valid = integer
    ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) })
    : fc.double({ min, max, noNaN: true });
  const edges = fc.constantFrom(min, max);
  return mode !== 'hostile' ? fc.oneof(valid, valid, edges) : fc.oneof(valid, hostileNumber);
}

/** Ids for a parameter or field: its own pool (`rid`, `orgUnitId`), else its singular (`partnerIds` → partnerId). */
export function poolFor(name: string, pools: IdPools): string[] {
  return pools.get(name) ?? pools.get(name.replace(/s$/, '')) ?? [];
}

/** A value for `schema`, as the mode says. */
export function valueFor(schema: JsonSchema, name: string, pools: IdPools, mode: Mode, depth = 0): fc.Arbitrary<unknown> {
  const right = rightValueFor(schema, name, pools, mode, depth);
  if (mode !== 'hostile') return right;
  return fc.oneof({ arbitrary: right, weight: 5 }, { arbitrary: depth > 3 ? fc.constant(null) : wrongType, weight: 1 });
}

function rightValueFor(schema: JsonSchema, name: string, pools: IdPools, mode: Mode, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => rightValueFor(s, name, pools, mode, depth)));
  if (schema.allOf?.length) return rightValueFor(Object.assign({}, ...schema.allOf) as JsonSchema, name, pools, mode, depth);
  const types = [schema.type ?? (schema.properties ? 'object' : 'any')].flat();
  return fc.oneof(...types.map((type) => ofType(type, schema, name, pools, mode, depth)));
}

function ofType(
  type: string,
  schema: JsonSchema,
  name: string,
  pools: IdPools,
  mode: Mode,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringFor(schema, name, pools, mode);
    case 'integer':
      return numberFor(schema, true, mode);
    case 'number':
      return numberFor(schema, false, mode);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = schema.items ? valueFor(schema.items, name, pools, mode, depth + 1) : wrongType;
      const maxLength = Math.min(schema.maxItems ?? 3, 3);
      return fc.array(item, { minLength: Math.min(schema.minItems ?? 0, maxLength), maxLength });
    }
    case 'object':
      return objectFor(schema, pools, mode, depth);
    default:
      if (mode === 'clean') return fc.jsonValue({ maxDepth: 2 });
      return depth > 2 ? hostileString : fc.jsonValue({ maxDepth: 2 }).map((v) => poison(v));
  }
}

/** An object: every required property and some optional ones; hostile: now and then a field nobody asked for. */
export function objectFor(schema: JsonSchema, pools: IdPools, mode: Mode, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, s] of Object.entries(props)) record[key] = valueFor(s, key, pools, mode, depth + 1);
  const base = fc.record(record, { requiredKeys: [...required].filter((k) => k in props) });
  if (mode !== 'hostile') return base;
  const extra = fc.option(fc.tuple(fc.constantFrom('__extra', 'constructor', 'x\u0000'), hostileString), { nil: undefined });
  return fc.tuple(base, extra).map(([o, e]) => (e ? { ...o, [e[0]]: e[1] } : o));
}

/** Replaces some strings of a JSON value with hostile ones (for schemaless bodies: SBOMs, CSAF documents). */
function poison(v: unknown): unknown {
  if (typeof v === 'string') return v.length % 3 === 0 ? `${v}\u0000` : v.length % 3 === 1 ? `${v}\ud800` : v;
  if (Array.isArray(v)) return v.map(poison);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x)]));
  return v;
}

/** JSON text of a generated value (fast-check's JSON values may hold bigints: written as their digits). */
export const toJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? 'null';

/** Query and path values are text: numbers and booleans as written, anything else as JSON or a hostile string. */
export const asParam = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : toJson(v);

/** encodeURIComponent, but a lone surrogate is written as its three WTF-8 bytes (as a hostile client would send it). */
export const encodePathValue = (v: string): string =>
  v
    .split(/(\p{Cs})/u)
    .map((part) =>
      /^\p{Cs}$/u.test(part)
        ? [0xed, 0xa0 | ((part.charCodeAt(0) >> 6) & 0x1f), 0x80 | (part.charCodeAt(0) & 0x3f)]
            .map((b) => `%${b.toString(16).toUpperCase()}`)
            .join('')
        : encodeURIComponent(part),
    )
    .join('');

/**
 * Requests generated from the OpenAPI document for the every-route fuzz test (platform/http/every-route-4xx.test.ts):
 * ids harvested from earlier answers (pools), and bodies per content type in the three modes of openapi-arbitraries.
 */
import fc from 'fast-check';
import type { RouteAccess } from '../platform/http/route-config';
import {
  asParam,
  encodePathValue,
  hostileString,
  toJson,
  objectFor,
  valueFor,
  type IdPools,
  type Mode,
  type JsonSchema,
} from './openapi-arbitraries';

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
export interface Op {
  method: string;
  path: string;
  operation: Operation;
  access: RouteAccess;
}
export interface Generated {
  url: string;
  contentType?: string;
  payload?: string | Buffer;
}

export const pools: IdPools = new Map();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function addToPool(key: string, id: string): void {
  const pool = pools.get(key) ?? [];
  if (pool.length < 50 && !pool.includes(id)) pool.push(id);
  pools.set(key, pool);
}

/** Every uuid of an answer, by the field it stands in, and by the array its object stands in. */
export function harvest(value: unknown, listKey: string): void {
  const stack: [unknown, string][] = [[value, listKey]];
  while (stack.length) {
    const [v, key] = stack.pop()!;
    if (Array.isArray(v)) for (const x of v) stack.push([x, key]);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'string' && UUID.test(x)) addToPool(k === 'id' ? key : k, x);
        else if (typeof x === 'string' && /(Id|Code|code)$/.test(k) && x.length <= 100) addToPool(k, x);
        else if (k === 'items') stack.push([x, key]);
        else stack.push([x, k]);
      }
    }
  }
}

/** The ids that fit a parameter: `{id}` after /partners → partners; `rid` → releases; `partnerIds` → partnerId. */
const ALIASES: Record<string, string[]> = {
  rid: ['releases'],
  fid: ['findings'],
  tid: ['threats', 'tasks'],
  aid: ['protectedAssets', 'attachments'],
  deadlineId: ['deadlines'],
  taskId: ['tasks'],
  evidenceId: ['evidence'],
  accountId: ['accounts', 'userId'],
};
export function idsFor(path: string, name: string): string[] {
  const segments = path.split('/');
  const before = segments[segments.indexOf(`{${name}}`) - 1] ?? '';
  const keys =
    name === 'id' ? [before, before.replace(/^partner-/, '')] : [name, name.replace(/s$/, ''), ...(ALIASES[name] ?? [])];
  return keys.flatMap((k) => pools.get(k) ?? []);
}

const CSV_HEADERS = ['code,parent_code,kind,name_ja,name_en', 'employee_no,name_ja,name_en,email,kind,org_code,status', 'a,b'];
const cell = (mode: Mode) => (mode === 'clean' ? fc.string({ maxLength: 30 }) : fc.oneof(fc.string(), hostileString));
const csvBody = (mode: Mode) =>
  fc
    .tuple(fc.constantFrom(...CSV_HEADERS), fc.array(fc.array(cell(mode), { minLength: 1, maxLength: 7 }), { maxLength: 3 }))
    .map(([header, rows]) => [header, ...rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))].join('\n'));
const sbomJson = (mode: Mode) =>
  fc
    .record({
      name: cell(mode),
      version: cell(mode),
      purl: cell(mode),
    })
    .map((c) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [{ type: 'library', ...c }] }));
const xmlEscape = (s: string) => s.replace(/[<&>]/g, (c) => `&#${c.charCodeAt(0)};`);
const sbomXml = (mode: Mode) =>
  fc
    .tuple(cell(mode), mode === 'clean' ? fc.constant('') : fc.constantFrom('', '&#0;', '&#xD800;', '\u0000'))
    .map(
      ([name, raw]) =>
        `<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components><component type="library"><name>${xmlEscape(name)}${raw}</name><version>1</version></component></components></bom>`,
    );
const rawFile = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(b)])),
);
const BINARY_TYPES = [
  'application/octet-stream',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

function bodyFor(op: Op, opPools: IdPools, mode: Mode): fc.Arbitrary<Pick<Generated, 'contentType' | 'payload'>> {
  const content = op.operation.requestBody?.content;
  if (!content) {
    if (op.method === 'POST' || op.method === 'PUT')
      return fc.oneof(
        fc.constant({}),
        fc.tuple(fc.constantFrom(...BINARY_TYPES), rawFile).map(([contentType, payload]) => ({ contentType, payload })),
      );
    return fc.constant({});
  }
  return fc.oneof(
    ...Object.entries(content).map(([contentType, { schema }]) => {
      const text = (a: fc.Arbitrary<string>) => a.map((payload) => ({ contentType, payload }));
      if (contentType === 'text/csv') return text(csvBody(mode));
      if (contentType.includes('xml')) return text(sbomXml(mode));
      if (contentType !== 'application/json') return text(sbomJson(mode));
      const value =
        schema.type === 'object' || schema.properties
          ? objectFor(schema, opPools, mode)
          : valueFor(schema, 'body', opPools, mode);
      return text(value.map(toJson));
    }),
  );
}

/** A third of the requests in each mode (openapi-arbitraries.ts: clean, poisoned, hostile). */
export const requestFor = (op: Op): fc.Arbitrary<Generated> =>
  fc.oneof(requestOf(op, 'clean'), requestOf(op, 'poisoned'), requestOf(op, 'hostile'));

function requestOf(op: Op, mode: Mode): fc.Arbitrary<Generated> {
  const params = op.operation.parameters ?? [];
  const opPools: IdPools = new Map(pools);
  for (const p of params) if (p.in === 'path') opPools.set(p.name, idsFor(op.path, p.name));
  const pathParams = params.filter((p) => p.in === 'path');
  const query = params.filter((p) => p.in === 'query');
  const path = fc.tuple(
    ...pathParams.map((p) =>
      mode !== 'hostile'
        ? valueFor(p.schema, p.name, opPools, mode)
        : fc.oneof(valueFor(p.schema, p.name, opPools, mode), hostileString),
    ),
  );
  const queryValues = fc.record(Object.fromEntries(query.map((p) => [p.name, valueFor(p.schema, p.name, opPools, mode)])), {
    requiredKeys: query.filter((p) => p.required).map((p) => p.name),
  });
  return fc.tuple(path, queryValues, bodyFor(op, opPools, mode)).map(([pathValues, q, body]) => {
    let url = op.path;
    pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodePathValue(asParam(pathValues[i])))));
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) for (const x of [v].flat()) if (x !== undefined) search.append(k, asParam(x));
    const qs = search.toString();
    return { url: qs ? `${url}?${qs}` : url, ...body };
  });
}

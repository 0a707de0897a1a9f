import { badRequest, ScimError } from './errors';
import { checkValue, isObject, type Doc } from './document';
import { parsePatchPath, type Filter, type PatchPath, type Value } from './filter';
import { ENTERPRISE_USER, findAttr, PATCH_OP, type AttrDef } from './schema';

/**
 * SCIM PATCH (RFC 7644 §3.5.2) on a resource document: operations add / replace / remove, with or without a
 * path, as Entra ID and Okta send them (`"op": "Replace"`, `"value": "False"`, members added as a list and
 * removed by `members[value eq "…"]` or by a value list). A path to an attribute Mamori does not know is
 * refused with `invalidPath`; a value filter that matches nothing, for replace, with `noTarget`; a read-only
 * attribute with `mutability`. Operations apply in order to a copy: one failure and nothing is kept.
 */
export interface Schemas {
  core: readonly AttrDef[];
  /** the extension schema URN and its attributes (users: enterprise) */
  extension?: { urn: string; attrs: readonly AttrDef[] };
}

type Op = 'add' | 'replace' | 'remove';
export const MAX_OPERATIONS = 100;

export function readOperations(body: unknown): { op: Op; path?: string; value?: unknown }[] {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'The body must be a PatchOp object');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_OP)) throw badRequest('invalidSyntax', `schemas must list ${PATCH_OP}`);
  const ops = body.Operations ?? body.operations;
  if (!Array.isArray(ops) || !ops.length) throw badRequest('invalidSyntax', 'Operations must be a non-empty list');
  if (ops.length > MAX_OPERATIONS) throw badRequest('tooMany', `At most ${MAX_OPERATIONS} operations per request`);
  return ops.map((o: unknown, i) => {
    if (!isObject(o) || typeof o.op !== 'string') throw badRequest('invalidSyntax', `Operations[${i}].op is missing`);
    const op = o.op.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw badRequest('invalidSyntax', `Operations[${i}].op must be add, replace or remove`);
    if (o.path !== undefined && typeof o.path !== 'string')
      throw badRequest('invalidPath', `Operations[${i}].path must be a string`);
    return { op, ...(o.path ? { path: o.path } : {}), ...('value' in o ? { value: o.value } : {}) };
  });
}

/** Applies the operations to a copy of `doc` and returns it. */
export function applyPatch(doc: Doc, body: unknown, schemas: Schemas): Doc {
  const out = structuredClone(doc);
  for (const { op, path, value } of readOperations(body)) {
    if (path) {
      applyAt(out, op, parsePatchPath(path), value, schemas, path);
      continue;
    }
    if (op === 'remove') throw badRequest('noTarget', 'remove needs a path');
    if (!isObject(value)) throw badRequest('invalidValue', `${op} without a path needs an object value`);
    for (const [key, v] of Object.entries(value)) {
      if (['id', 'meta', 'schemas'].includes(key.toLowerCase())) continue; // Okta repeats the id: nothing to change
      if (schemas.extension && key.toLowerCase() === schemas.extension.urn.toLowerCase() && isObject(v)) {
        for (const [k2, v2] of Object.entries(v)) applyAt(out, op, parsePatchPath(`${key}:${k2}`), v2, schemas, `${key}:${k2}`);
      } else applyAt(out, op, parsePatchPath(key), v, schemas, key);
    }
  }
  return out;
}

function resolve(doc: Doc, p: PatchPath, schemas: Schemas, text: string): { container: Doc; def: AttrDef } {
  let defs = schemas.core;
  let container = doc;
  if (p.path.uri) {
    const uri = p.path.uri.toLowerCase();
    if (schemas.extension && uri === schemas.extension.urn.toLowerCase()) {
      defs = schemas.extension.attrs;
      const key = schemas.extension.urn;
      if (!isObject(doc[key])) doc[key] = {};
      container = doc[key] as Doc;
    } else if (!uri.startsWith('urn:ietf:params:scim:schemas:core:2.0:')) {
      throw badRequest('invalidPath', `Unknown schema in path "${text}"`);
    }
  }
  const def = findAttr(defs, p.path.attr);
  if (!def) throw badRequest('invalidPath', `Unknown attribute in path "${text}"`);
  if (def.mutability === 'readOnly') throw badRequest('mutability', `${def.name} cannot be changed`);
  return { container, def };
}

function subDef(def: AttrDef, name: string, text: string): AttrDef {
  const sub = findAttr(def.subAttributes, name);
  if (!sub) throw badRequest('invalidPath', `Unknown attribute in path "${text}"`);
  return sub;
}

function applyAt(doc: Doc, op: Op, p: PatchPath, value: unknown, schemas: Schemas, text: string): void {
  const { container, def } = resolve(doc, p, schemas, text);
  const at = def.name;
  if (p.filter) {
    if (!def.multiValued) throw badRequest('invalidPath', `${def.name} is not multi-valued: "${text}"`);
    const list = (Array.isArray(container[at]) ? container[at] : []) as Doc[];
    const matched = list.filter((item) => matches(item, p.filter!));
    const sub = p.subAfterFilter ? subDef(def, p.subAfterFilter, text) : undefined;
    if (op === 'remove') {
      if (sub) for (const item of matched) delete item[sub.name];
      else container[at] = list.filter((item) => !matched.includes(item));
      return;
    }
    if (!matched.length) {
      if (op === 'replace' && !sub) throw new ScimError(400, `No value of ${def.name} matches "${text}"`, 'noTarget');
      // add (or replace of a sub-attribute, as Entra sends emails[type eq "work"].value): a new value from the filter
      const created: Doc = { ...equalities(p.filter) };
      list.push(created);
      matched.push(created);
      container[at] = list;
    }
    for (const item of matched) {
      if (sub) item[sub.name] = checkValue(sub, value, `${text}`);
      else if (isObject(value)) Object.assign(item, checkValue({ ...def, multiValued: false }, value, text) as Doc);
      else throw badRequest('invalidValue', `${text} needs an object value`);
    }
    return;
  }
  if (p.path.sub) {
    const sub = subDef(def, p.path.sub, text);
    if (def.multiValued) {
      const list = (Array.isArray(container[at]) ? container[at] : []) as Doc[];
      for (const item of list) {
        if (op === 'remove') delete item[sub.name];
        else item[sub.name] = checkValue(sub, value, text);
      }
      return;
    }
    const obj = isObject(container[at]) ? (container[at] as Doc) : {};
    if (op === 'remove') delete obj[sub.name];
    else obj[sub.name] = checkValue(sub, value, text);
    container[at] = obj;
    return;
  }
  if (op === 'remove') {
    if (def.multiValued && value !== undefined && Array.isArray(container[at])) {
      // Entra ID removes members as {"op":"Remove","path":"members","value":[{"value":"…"}]}
      const drop = new Set((checkValue(def, value, text) as Doc[]).map((v) => v.value));
      container[at] = (container[at] as Doc[]).filter((item) => !drop.has(item.value));
    } else delete container[at];
    return;
  }
  const checked = checkValue(def, value, text);
  if (def.multiValued && op === 'add') {
    const list = (Array.isArray(container[at]) ? container[at] : []) as Doc[];
    for (const v of checked as Doc[]) if (!list.some((x) => x.value !== undefined && x.value === v.value)) list.push(v);
    container[at] = list;
  } else if (def.type === 'complex' && !def.multiValued && isObject(container[at]) && isObject(checked)) {
    container[at] = { ...(container[at] as Doc), ...checked };
  } else if (checked === undefined) delete container[at];
  else container[at] = checked;
}

/** `type eq "work" and primary eq true` → { type: "work", primary: true }: the value an add with a filter creates. */
function equalities(f: Filter): Doc {
  if (f.kind === 'cmp' && f.op === 'eq' && !f.path.sub) return { [f.path.attr]: f.value };
  if (f.kind === 'and') return { ...equalities(f.left), ...equalities(f.right) };
  return {};
}

function field(item: Doc, name: string): unknown {
  const key = Object.keys(item).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : item[key];
}

/** Evaluates a value filter on one value of a multi-valued attribute (its sub-attributes). */
export function matches(item: Doc, f: Filter): boolean {
  switch (f.kind) {
    case 'and':
      return matches(item, f.left) && matches(item, f.right);
    case 'or':
      return matches(item, f.left) || matches(item, f.right);
    case 'not':
      return !matches(item, f.filter);
    case 'valuePath':
      throw badRequest('invalidFilter', 'A value filter cannot be nested');
    case 'pr': {
      const v = field(item, f.path.attr);
      return v !== undefined && v !== null && v !== '';
    }
    case 'cmp':
      return compare(field(item, f.path.attr), f.op, f.value);
  }
}

function compare(actual: unknown, op: string, expected: Value): boolean {
  if (expected === null) return op === 'eq' ? actual == null : op === 'ne' ? actual != null : false;
  if (actual === undefined || actual === null) return op === 'ne';
  if (typeof expected === 'boolean') {
    const a = typeof actual === 'boolean' ? actual : String(actual).toLowerCase() === 'true';
    return op === 'eq' ? a === expected : op === 'ne' ? a !== expected : false;
  }
  const norm = (v: unknown) => String(v).toLowerCase();
  const a = norm(actual);
  const e = norm(expected);
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'co':
      return a.includes(e);
    case 'sw':
      return a.startsWith(e);
    case 'ew':
      return a.endsWith(e);
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    default:
      return a <= e;
  }
}

export { ENTERPRISE_USER };

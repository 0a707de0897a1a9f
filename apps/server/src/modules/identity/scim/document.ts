import { badRequest, ScimError } from './errors';
import { ENTERPRISE_USER, findAttr, type AttrDef } from './schema';

/**
 * A SCIM resource as a plain JSON document, checked against the attribute definitions: known attributes only
 * (matched case-insensitively, written with their canonical name), each of its declared type. Unknown attributes
 * sent in a POST or PUT body are dropped, as RFC 7644 §3.3 allows; wrong types are refused with `invalidValue`.
 */
export type Doc = Record<string, unknown>;

export const MAX_VALUES = 1000;
const MAX_TEXT = 2048;

/** Entra ID sends booleans as "True"/"False" strings in PATCH: accepted. */
function asBoolean(v: unknown, at: string): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  throw badRequest('invalidValue', `${at} must be true or false`);
}

function asString(v: unknown, at: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw badRequest('invalidValue', `${at} must be a string`);
  if (v.length > MAX_TEXT) throw badRequest('invalidValue', `${at} is longer than ${MAX_TEXT} characters`);
  return v;
}

const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One value of an attribute, checked and canonicalised; null/undefined: absent. */
export function checkValue(def: AttrDef, v: unknown, at: string): unknown {
  if (v === null || v === undefined) return undefined;
  if (def.multiValued) {
    const list = Array.isArray(v) ? v : [v];
    if (list.length > MAX_VALUES) throw badRequest('invalidValue', `${at} has more than ${MAX_VALUES} values`);
    return list.map((item, i) => checkSingle(def, item, `${at}[${i}]`)).filter((x) => x !== undefined);
  }
  return checkSingle(def, v, at);
}

function checkSingle(def: AttrDef, v: unknown, at: string): unknown {
  if (v === null || v === undefined) return undefined;
  switch (def.type) {
    case 'boolean':
      return asBoolean(v, at);
    case 'complex': {
      if (!isObject(v)) throw badRequest('invalidValue', `${at} must be an object`);
      return checkObject(def.subAttributes ?? [], v, at);
    }
    default:
      return asString(v, at);
  }
}

/** The known attributes of `input`, checked; read-only ones are left out (the server sets them). */
export function checkObject(defs: readonly AttrDef[], input: Doc, at = ''): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(input)) {
    const def = findAttr(defs, key);
    if (!def || def.mutability === 'readOnly') continue;
    const checked = checkValue(def, value, at ? `${at}.${def.name}` : def.name);
    if (checked !== undefined) out[def.name] = checked;
  }
  return out;
}

/** Checks a whole User or Group body: core attributes, plus the enterprise extension for users. */
export function checkResource(defs: readonly AttrDef[], extension: readonly AttrDef[] | null, body: Doc): Doc {
  const doc = checkObject(defs, body);
  if (extension) {
    const key = Object.keys(body).find((k) => k.toLowerCase() === ENTERPRISE_USER.toLowerCase());
    const ext = key === undefined ? undefined : body[key];
    if (ext !== undefined && ext !== null) {
      if (!isObject(ext)) throw badRequest('invalidValue', `${ENTERPRISE_USER} must be an object`);
      const checked = checkObject(extension, ext, ENTERPRISE_USER);
      if (Object.keys(checked).length) doc[ENTERPRISE_USER] = checked;
    }
  }
  return doc;
}

export const requireString = (doc: Doc, name: string): string => {
  const v = doc[name];
  if (typeof v !== 'string' || !v.trim()) throw badRequest('invalidValue', `${name} is required`);
  return v.trim();
};

export { isObject, ScimError };

import { badRequest, ScimError } from './errors';
import type { Doc } from './document';
import { LIST_RESPONSE, MAX_RESULTS } from './schema';

/** What every SCIM resource service shares: paging, meta.version and If-Match, the list response, attribute selection. */

export interface ListParams {
  filter?: string;
  startIndex: number;
  count: number;
  attributes?: string[];
  excludedAttributes?: string[];
}

/** `startIndex` (1-based, < 1 read as 1) and `count` (0…200, default 100) as RFC 7644 §3.4.2.4 says. */
export function listParams(q: Record<string, unknown>): ListParams {
  const num = (v: unknown, name: string, fallback: number) => {
    if (v === undefined || v === '') return fallback;
    if (typeof v !== 'string' || !/^-?\d{1,9}$/.test(v)) throw badRequest('invalidValue', `${name} must be an integer`);
    return Number(v);
  };
  const names = (v: unknown) =>
    typeof v === 'string' && v
      ? v
          .split(',')
          .map((x) => x.trim().toLowerCase())
          .filter(Boolean)
          .slice(0, 50)
      : undefined;
  const filter = q.filter;
  if (filter !== undefined && typeof filter !== 'string') throw badRequest('invalidFilter', 'Give one filter');
  return {
    ...(filter ? { filter } : {}),
    startIndex: Math.max(1, num(q.startIndex, 'startIndex', 1)),
    count: Math.min(MAX_RESULTS, Math.max(0, num(q.count, 'count', 100))),
    ...(names(q.attributes) ? { attributes: names(q.attributes) } : {}),
    ...(names(q.excludedAttributes) ? { excludedAttributes: names(q.excludedAttributes) } : {}),
  };
}

export const etag = (version: number) => `W/"${version}"`;

/** The versions If-Match accepts (`W/"3"` or `"3"`); undefined for none or `*`. */
export function ifMatchVersions(header: string | string[] | undefined): number[] | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '*') return undefined;
  return [...value.matchAll(/(?:W\/)?"(\d{1,10})"/g)].map((m) => Number(m[1]));
}

export function checkIfMatch(version: number, expected: number[] | undefined): void {
  if (expected !== undefined && !expected.includes(version))
    throw new ScimError(412, `The resource changed since it was read (its version is now ${etag(version)})`);
}

const ALWAYS = new Set(['id', 'schemas', 'meta']);

/** Keeps the requested top-level attributes (id, schemas and meta always), or drops the excluded ones. */
export function select(doc: Doc, p: Pick<ListParams, 'attributes' | 'excludedAttributes'>): Doc {
  if (p.attributes) {
    const keep = new Set(p.attributes.map((a) => a.split('.')[0]!));
    return Object.fromEntries(Object.entries(doc).filter(([k]) => ALWAYS.has(k) || keep.has(k.toLowerCase())));
  }
  if (p.excludedAttributes) {
    const drop = new Set(p.excludedAttributes);
    return Object.fromEntries(Object.entries(doc).filter(([k]) => ALWAYS.has(k) || !drop.has(k.toLowerCase())));
  }
  return doc;
}

export const listResponse = (resources: Doc[], total: number, startIndex: number) => ({
  schemas: [LIST_RESPONSE],
  totalResults: total,
  startIndex,
  itemsPerPage: resources.length,
  Resources: resources,
});

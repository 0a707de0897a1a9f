import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { R155Catalog } from '@mamori/contracts';

const file = fileURLToPath(new URL('../../../../../../../catalogs/tara/r155-annex5.json', import.meta.url));

let cached: { catalog: R155Catalog; codes: Set<string> } | undefined;

/**
 * UN R155 Annex 5 as data (catalogs/tara/r155-annex5.json): Part A's seven categories with their threats, numbered
 * as in the regulation, and the mitigations M1–M24 of Parts B and C. The sentences are ours, in ja and en.
 */
export function r155Catalog(): R155Catalog {
  cached ??= load();
  return cached.catalog;
}

export function isR155Threat(code: string): boolean {
  cached ??= load();
  return cached.codes.has(code);
}

function load() {
  const catalog = R155Catalog.parse(JSON.parse(readFileSync(file, 'utf8')));
  return { catalog, codes: new Set(catalog.threats.map((t) => t.code)) };
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AgreementActivityCatalog } from '@mamori/contracts';

const file = fileURLToPath(new URL('../../../../../../catalogs/agreements/activities.json', import.meta.url));

let cached: { catalog: AgreementActivityCatalog; order: Map<string, number> } | undefined;

/** The activities an interface agreement divides (catalogs/agreements/activities.json), ja and en, in their order. */
export function activityCatalog(): AgreementActivityCatalog {
  cached ??= load();
  return cached.catalog;
}

/** The activity's place in the catalogue, or undefined for a code the catalogue does not have. */
export function activityOrder(code: string): number | undefined {
  cached ??= load();
  return cached.order.get(code);
}

function load() {
  const catalog = AgreementActivityCatalog.parse(JSON.parse(readFileSync(file, 'utf8')));
  return { catalog, order: new Map(catalog.activities.map((a, i) => [a.code, i])) };
}

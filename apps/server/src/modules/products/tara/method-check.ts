import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TaraMethodDefinition } from '@mamori/contracts';
import { z } from 'zod';
import { fieldError, invalid, type FieldError } from '../../../platform/errors/app-error';

const file = fileURLToPath(new URL('../../../../../../catalogs/tara/method-default.json', import.meta.url));
const DefaultFile = z.object({ note: z.object({ ja: z.string(), en: z.string() }), definition: TaraMethodDefinition });

let cached: z.infer<typeof DefaultFile> | undefined;
/** The group's default method (catalogs/tara/method-default.json), seeded as version 1. Data, not code. */
export function defaultTaraMethod() {
  cached ??= DefaultFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  return cached;
}

const duplicates = (codes: string[]) => codes.filter((c, i) => codes.indexOf(c) !== i);

/** What zod cannot see in a definition: unique codes and bands that rise as feasibility falls. Throws 400. */
export function checkDefinition(def: TaraMethodDefinition, at = 'body.definition'): void {
  const errors: FieldError[] = [];
  for (const code of duplicates(def.impactCategories.map((c) => c.code)))
    errors.push(fieldError(`${at}.impactCategories`, 'tara.code_duplicate', { code }));
  for (const code of duplicates(def.feasibility.factors.map((f) => f.code)))
    errors.push(fieldError(`${at}.feasibility.factors`, 'tara.code_duplicate', { code }));
  def.feasibility.factors.forEach((f, i) => {
    for (const code of duplicates(f.levels.map((l) => l.code)))
      errors.push(fieldError(`${at}.feasibility.factors.${i}.levels`, 'tara.code_duplicate', { code }));
  });
  const b = def.feasibility.bands;
  if (!(b.high < b.medium && b.medium < b.low && b.low < b.very_low))
    errors.push(fieldError(`${at}.feasibility.bands`, 'tara.bands_order'));
  if (errors.length) throw invalid(errors);
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ChecklistItem } from '@mamori/contracts';
import { z } from 'zod';

/** The pre-use review checklist (catalogs/service-review-checklist.json): items in ja and en, read once at start. */
const file = fileURLToPath(new URL('../../../../../../catalogs/service-review-checklist.json', import.meta.url));
export const reviewChecklist = z
  .object({ items: z.array(ChecklistItem).min(1) })
  .parse(JSON.parse(readFileSync(file, 'utf8'))).items;

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ZONE_KINDS, type ZoneKind } from '@mamori/contracts';
import { z } from 'zod';

/** The group's zone kinds (catalogs/zone-kinds.json): names in both languages and their strictness. */
const Catalog = z.object({
  kinds: z
    .array(
      z.object({
        code: z.enum(ZONE_KINDS),
        level: z.number().int(),
        nameJa: z.string(),
        nameEn: z.string(),
        descriptionJa: z.string(),
        descriptionEn: z.string(),
      }),
    )
    .length(ZONE_KINDS.length),
});

const file = fileURLToPath(new URL('../../../../../catalogs/zone-kinds.json', import.meta.url));
export const zoneKinds = Catalog.parse(JSON.parse(readFileSync(file, 'utf8'))).kinds;
export const kindLevel = (k: ZoneKind) => zoneKinds.find((z) => z.code === k)!.level;
export const kindName = (k: ZoneKind) => {
  const found = zoneKinds.find((z) => z.code === k)!;
  return { ja: found.nameJa, en: found.nameEn };
};

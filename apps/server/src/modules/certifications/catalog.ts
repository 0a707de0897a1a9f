import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CERTIFICATION_STANDARDS, type CertificationStandard } from '@mamori/contracts';
import { z } from 'zod';

/** The certification standards (catalogs/certification-standards.json): read and validated once. Data, not code. */
const file = fileURLToPath(new URL('../../../../../catalogs/certification-standards.json', import.meta.url));

const Named = z.object({ ja: z.string().min(1), en: z.string().min(1) });
const Catalog = z.object({
  version: z.literal(1),
  about: z.string(),
  standards: z.array(
    Named.extend({
      id: z.enum(CERTIFICATION_STANDARDS),
      editions: z.array(z.string().min(1)),
      levels: z.array(z.string().min(1)),
      labels: z.array(Named.extend({ id: z.string().min(1) })),
    }),
  ),
});

let cached: z.infer<typeof Catalog> | undefined;
const catalog = () => (cached ??= Catalog.parse(JSON.parse(readFileSync(file, 'utf8'))));

export function standardsCatalog() {
  return catalog().standards.map((s) => ({
    id: s.id,
    nameJa: s.ja,
    nameEn: s.en,
    editions: s.editions,
    levels: s.levels,
    labels: s.labels.map((l) => ({ id: l.id, nameJa: l.ja, nameEn: l.en })),
  }));
}

export function standardName(id: CertificationStandard): { ja: string; en: string } {
  const s = catalog().standards.find((x) => x.id === id);
  return s ? { ja: s.ja, en: s.en } : { ja: id, en: id };
}

/** The label ids a standard knows (TISAX); empty when the standard has none. */
export const labelIds = (id: CertificationStandard): string[] =>
  catalog()
    .standards.find((x) => x.id === id)
    ?.labels.map((l) => l.id) ?? [];
export const levelIds = (id: CertificationStandard): string[] => catalog().standards.find((x) => x.id === id)?.levels ?? [];

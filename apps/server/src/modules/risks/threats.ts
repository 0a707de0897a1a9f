import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RiskThreatCatalog } from '@mamori/contracts';
import { z } from 'zod';

/** The threat catalogue (catalogs/threats/threats.json), read and validated once. Data, not code. */
const file = fileURLToPath(new URL('../../../../../catalogs/threats/threats.json', import.meta.url));
const Bilingual = { ja: z.string().min(1), en: z.string().min(1) };
const CatalogFile = z.object({
  version: z.literal(1),
  categories: z.array(z.object({ id: z.string(), ...Bilingual })),
  threats: z.array(
    z.object({
      id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
      category: z.string(),
      ...Bilingual,
      descriptionJa: z.string(),
      descriptionEn: z.string(),
      vulnerabilities: z.array(z.object(Bilingual)),
    }),
  ),
});

let cached: RiskThreatCatalog | undefined;
export function threatCatalog(): RiskThreatCatalog {
  if (cached) return cached;
  const raw = CatalogFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  cached = {
    categories: raw.categories.map((c) => ({ id: c.id, nameJa: c.ja, nameEn: c.en })),
    threats: raw.threats.map((t) => ({
      id: t.id,
      category: t.category,
      nameJa: t.ja,
      nameEn: t.en,
      descriptionJa: t.descriptionJa,
      descriptionEn: t.descriptionEn,
      vulnerabilities: t.vulnerabilities,
    })),
  };
  return cached;
}

export const isThreatId = (id: string) => threatCatalog().threats.some((t) => t.id === id);
export const threatName = (id: string, lang: 'ja' | 'en') => {
  const t = threatCatalog().threats.find((x) => x.id === id);
  return t ? (lang === 'ja' ? t.nameJa : t.nameEn) : id;
};

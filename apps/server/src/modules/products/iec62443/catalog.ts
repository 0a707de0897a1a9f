import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IEC62443_COMPONENT_TYPES, Iec62443Catalog, type Iec62443ComponentType } from '@mamori/contracts';
import { z } from 'zod';

const dir = fileURLToPath(new URL('../../../../../../catalogs/iec62443/', import.meta.url));

const Words = z.object({ title: z.string().min(1), summary: z.string().min(1) }).strict();
/** The 4-2 file as written: one entry per requirement number, its enhancements inside it. */
const RawRequirements = z.object({
  about: z.object({ ja: z.string(), en: z.string() }),
  componentTypes: Iec62443Catalog.shape.componentTypes,
  foundationalRequirements: Iec62443Catalog.shape.foundationalRequirements,
  requirements: z.array(
    z
      .object({
        fr: z.number().int().min(1).max(7),
        num: z.string().regex(/^\d\.\d{1,2}$/),
        sl: z.number().int().min(1).max(4),
        /** present for a component-specific requirement (SAR/EDR/HDR/NDR): the types that have it */
        types: z.array(z.enum(IEC62443_COMPONENT_TYPES)).min(1).optional(),
        ja: Words,
        en: Words,
        enhancements: z
          .array(z.object({ n: z.number().int().min(1), sl: z.number().int().min(1).max(4), ja: Words, en: Words }).strict())
          .optional(),
      })
      .strict(),
  ),
});
const RawPractices = z.object({
  about: z.object({ ja: z.string(), en: z.string() }),
  maturityLevels: Iec62443Catalog.shape.maturityLevels,
  practices: Iec62443Catalog.shape.practices,
});

export type Requirement = Iec62443Catalog['requirements'][number];

interface Loaded {
  catalog: Iec62443Catalog;
  byId: Map<string, Requirement>;
}
let cached: Loaded | undefined;

/**
 * Expands the 4-2 file: a common requirement becomes `CR n.m` for every component type, a component-specific one
 * `SAR|EDR|HDR|NDR n.m` for each type that has it; an enhancement is `<base> RE(k)` with the base's types.
 */
function load(): Loaded {
  const raw = RawRequirements.parse(JSON.parse(readFileSync(`${dir}4-2-requirements.json`, 'utf8')));
  const practices = RawPractices.parse(JSON.parse(readFileSync(`${dir}4-1-practices.json`, 'utf8')));
  const prefix = new Map(raw.componentTypes.map((c) => [c.code, c.prefix]));
  const requirements: Requirement[] = [];
  for (const r of raw.requirements) {
    const variants: [string, Iec62443ComponentType[]][] = r.types
      ? r.types.map((t) => [`${prefix.get(t)} ${r.num}`, [t]])
      : [[`CR ${r.num}`, [...IEC62443_COMPONENT_TYPES]]];
    for (const [id, types] of variants) {
      requirements.push({ id, fr: r.fr, baseId: null, enhancement: null, types, sl: r.sl, ja: r.ja, en: r.en });
      for (const e of r.enhancements ?? [])
        requirements.push({
          id: `${id} RE(${e.n})`,
          fr: r.fr,
          baseId: id,
          enhancement: e.n,
          types,
          sl: e.sl,
          ja: e.ja,
          en: e.en,
        });
    }
  }
  const catalog: Iec62443Catalog = {
    componentTypes: raw.componentTypes,
    foundationalRequirements: raw.foundationalRequirements,
    requirements,
    maturityLevels: practices.maturityLevels,
    practices: practices.practices,
  };
  return { catalog, byId: new Map(requirements.map((r) => [r.id, r])) };
}

/** Both catalogues (catalogs/iec62443/), ja and en, 4-2 expanded per component type and enhancement. */
export function iec62443Catalog(): Iec62443Catalog {
  cached ??= load();
  return cached.catalog;
}

export function requirementById(id: string): Requirement | undefined {
  cached ??= load();
  return cached.byId.get(id);
}

/** The requirements a component of this type has, in the catalogue's order. */
export const requirementsOf = (type: Iec62443ComponentType) =>
  iec62443Catalog().requirements.filter((r) => r.types.includes(type));

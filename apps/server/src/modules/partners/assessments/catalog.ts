import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The partner criteria catalogue (catalogs/partner-criteria/v<N>.json): data, ja + en, validated here.
 * A requirement with points (a), b)…) is answered through its points; its own text is the stem shown
 * above them, answered too only when `answerStem` is set (where the stem is an obligation of its own).
 * Versions are immutable once published: an assessment keeps the version it was created with.
 */
const catalogDir = fileURLToPath(new URL('../../../../../../catalogs/partner-criteria/', import.meta.url));

const Text = z.object({ ja: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
export type Text = z.infer<typeof Text>;

/** Conditions on the partner: a requirement applies only when every condition set here holds. */
export const Applicability = z
  .object({
    digitized: z.literal(true).optional(),
    usesSubcontractors: z.literal(true).optional(),
    embodiments: z.literal(true).optional(),
    papers: z.literal(true).optional(),
  })
  .strict();
export type Applicability = z.infer<typeof Applicability>;
export type PartnerProfile = Record<keyof Applicability, boolean>;

const leaf = {
  weight: z.number().positive().max(10),
  critical: z.boolean().default(false),
  applicability: Applicability.default({}),
  text: Text,
};
const Point = z.object({ id: z.string().regex(/^\d(-\d+){1,2}-[a-z]$/), ...leaf }).strict();
const Requirement = z
  .object({
    id: z.string().regex(/^\d(-\d+){1,2}$/),
    ...leaf,
    answerStem: z.boolean().default(false),
    points: z.array(Point).min(1).optional(),
  })
  .strict();
const SubItem = z
  .object({
    id: z.string().regex(/^\d-\d+$/),
    title: Text,
    applicability: Applicability.default({}),
    requirements: z.array(Requirement).min(1),
  })
  .strict();
const Group = z.object({ id: z.enum(['1', '2', '3', '4', '5']), title: Text, subItems: z.array(SubItem).min(1) }).strict();
export const CatalogFile = z
  .object({
    catalog: z.literal('partner-criteria'),
    version: z.number().int().positive(),
    effectiveFrom: z.iso.date(),
    title: Text,
    source: Text,
    ndaProvisions: z.array(z.object({ id: z.string().regex(/^[a-z]$/), text: Text }).strict()).length(12),
    groups: z.array(Group).length(5),
  })
  .strict();
export type CatalogFile = z.infer<typeof CatalogFile>;

export const GROUP_IDS = ['1', '2', '3', '4', '5'] as const;
export type GroupId = (typeof GROUP_IDS)[number];

/** One answerable requirement, flattened, in check-sheet order. */
export interface CatalogItem {
  id: string;
  group: GroupId;
  subItem: string;
  /** the stem of a point (2-2-2 for 2-2-2-a), else null */
  stem: Text | null;
  text: Text;
  weight: number;
  critical: boolean;
  applicability: Applicability;
}

export interface Catalog {
  version: number;
  file: CatalogFile;
  items: CatalogItem[];
  byId: Map<string, CatalogItem>;
}

/** Validates a catalogue file and flattens it; throws naming every problem (unique ids, group of each id). */
export function parseCatalog(raw: unknown): Catalog {
  const file = CatalogFile.parse(raw);
  const items: CatalogItem[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  const add = (item: CatalogItem) => {
    if (seen.has(item.id)) problems.push(`duplicate requirement id ${item.id}`);
    if (!item.id.startsWith(`${item.group}-`)) problems.push(`${item.id} is not in group ${item.group}`);
    seen.add(item.id);
    items.push(item);
  };
  for (const g of file.groups)
    for (const s of g.subItems) {
      if (!s.id.startsWith(`${g.id}-`)) problems.push(`sub-item ${s.id} is not in group ${g.id}`);
      for (const r of s.requirements) {
        const base = { group: g.id, subItem: s.id };
        const inherited = { ...s.applicability, ...r.applicability };
        if (!r.points || r.answerStem)
          add({ ...base, id: r.id, stem: null, text: r.text, weight: r.weight, critical: r.critical, applicability: inherited });
        for (const p of r.points ?? []) {
          if (!p.id.startsWith(`${r.id}-`)) problems.push(`point ${p.id} is not under ${r.id}`);
          add({
            ...base,
            id: p.id,
            stem: r.text,
            text: p.text,
            weight: p.weight,
            critical: p.critical,
            applicability: { ...inherited, ...p.applicability },
          });
        }
      }
    }
  if (problems.length) throw new Error(`Invalid partner catalogue v${file.version}: ${problems.join('; ')}`);
  return { version: file.version, file, items, byId: new Map(items.map((i) => [i.id, i])) };
}

const cache = new Map<number, Catalog>();

/** The published versions, from the file names (v1.json, v2.json…). */
export const catalogVersions = (): number[] =>
  readdirSync(catalogDir)
    .map((f) => /^v(\d+)\.json$/.exec(f)?.[1])
    .filter((v): v is string => !!v)
    .map(Number)
    .sort((a, b) => a - b);

export const currentCatalogVersion = (): number => Math.max(...catalogVersions());

export function loadCatalog(version: number = currentCatalogVersion()): Catalog {
  let c = cache.get(version);
  if (!c) {
    c = parseCatalog(JSON.parse(readFileSync(`${catalogDir}v${version}.json`, 'utf8')));
    if (c.version !== version) throw new Error(`catalogs/partner-criteria/v${version}.json says version ${c.version}`);
    cache.set(version, c);
  }
  return c;
}

/** Does the requirement apply to a partner with this profile? Every condition it sets must hold. */
export const applies = (item: CatalogItem, profile: PartnerProfile): boolean =>
  (Object.keys(item.applicability) as (keyof Applicability)[]).every((k) => profile[k]);

/** The requirements a partner must answer, in check-sheet order: fixed into an assessment when it is created. */
export const applicableItems = (catalog: Catalog, profile: PartnerProfile): CatalogItem[] =>
  catalog.items.filter((i) => applies(i, profile));

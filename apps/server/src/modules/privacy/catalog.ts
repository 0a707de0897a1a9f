import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { conditionSchema, DurationSchema, WarnSchema } from '../../platform/deadlines/engine';

/** The privacy catalogues (catalogs/privacy.json, catalogs/privacy-request-rules.json), read and validated once. */
const catalogFile = (name: string) => fileURLToPath(new URL(`../../../../../catalogs/${name}`, import.meta.url));
const Id = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
const Bilingual = { ja: z.string().min(1), en: z.string().min(1) };

const PrivacyCatalogSchema = z.object({
  version: z.literal(1),
  sets: z.record(z.string(), z.array(z.string())),
  categories: z.array(
    z.object({
      id: Id,
      ...Bilingual,
      specialCare: z.boolean(),
      myNumber: z.boolean(),
      incidentKind: z.enum(['ordinary', 'sensitive', 'financial', 'credentials']),
    }),
  ),
  subjectKinds: z.array(z.object({ id: Id, ...Bilingual })),
  laws: z.array(z.object({ id: Id, ...Bilingual, always: z.boolean(), countries: z.union([z.string(), z.array(z.string())]) })),
  transferBases: z.array(z.object({ id: Id, law: Id, ...Bilingual })),
  review: z.object({ everyMonths: z.number().int().min(1).max(60), remindDaysBefore: z.number().int().min(0).max(365) }),
});
export type PrivacyCatalogFile = z.infer<typeof PrivacyCatalogSchema>;

export const REQUEST_FACTS = ['laws', 'type'] as const;
const RequestRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,60}$/),
    law: z.string(),
    titleJa: z.string().min(1),
    titleEn: z.string().min(1),
    hard: z.boolean(),
    when: conditionSchema(REQUEST_FACTS),
    timeZone: z.string(),
    calendar: z.string().optional(),
    due: DurationSchema,
    /** the due date once extended (GDPR art. 12(3): two further months), counted from receipt; none: no extension */
    extended: DurationSchema.optional(),
    warn: WarnSchema,
  })
  .strict();
export type RequestRule = z.infer<typeof RequestRuleSchema>;
const RequestRulesSchema = z.object({
  version: z.literal(1),
  about: z.array(z.string()).optional(),
  sets: z.record(z.string(), z.array(z.string())),
  rules: z.array(RequestRuleSchema),
});
export type RequestRules = z.infer<typeof RequestRulesSchema>;

function read<T>(schema: z.ZodType<T>, name: string): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(catalogFile(name), 'utf8')));
  if (!parsed.success) throw new Error(`catalogs/${name} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

let catalog: PrivacyCatalogFile | undefined;
let rules: RequestRules | undefined;
export const privacyCatalog = () => (catalog ??= read(PrivacyCatalogSchema, 'privacy.json'));
export function requestRules(): RequestRules {
  if (rules) return rules;
  const r = read(RequestRulesSchema, 'privacy-request-rules.json');
  for (const rule of r.rules) new Intl.DateTimeFormat('en', { timeZone: rule.timeZone });
  return (rules = r);
}

const countriesOf = (countries: string | string[]) =>
  typeof countries === 'string' ? (privacyCatalog().sets[countries.replace(/^\$/, '')] ?? []) : countries;

/** The laws that apply to data subjects of these countries: APPI always, the others by country. */
export function lawsFor(countries: readonly string[]): string[] {
  return privacyCatalog()
    .laws.filter((l) => l.always || countriesOf(l.countries).some((c) => countries.includes(c)))
    .map((l) => l.id);
}

export const categoryById = (id: string) => privacyCatalog().categories.find((c) => c.id === id);
export const transferBasisById = (id: string) => privacyCatalog().transferBases.find((b) => b.id === id);

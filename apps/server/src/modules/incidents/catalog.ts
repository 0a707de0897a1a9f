import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INCIDENT_STEPS, SEVERITIES } from '@mamori/contracts';
import { z } from 'zod';
import { DurationSchema } from '../../platform/deadlines/engine';
import { regulatoryRule } from '../../platform/deadlines/regulatory';

/**
 * The two incident catalogues (catalogs/incident-types.json, catalogs/incident-deadline-rules.json),
 * read and validated once. They are data: a new type, task template or jurisdiction is a JSON edit.
 */
const catalogFile = (name: string) => fileURLToPath(new URL(`../../../../../catalogs/${name}`, import.meta.url));

const Bilingual = { ja: z.string().min(1), en: z.string().min(1) };
const TaskTemplate = z.object({ step: z.enum(INCIDENT_STEPS), ...Bilingual, dueDays: z.number().int().min(0).max(365) });

const TypesCatalog = z.object({
  version: z.literal(1),
  steps: z.array(z.object({ id: z.enum(INCIDENT_STEPS), ref: z.string(), ...Bilingual })),
  severities: z.array(z.object({ id: z.enum(SEVERITIES), rank: z.number().int(), ...Bilingual })),
  causes: z.array(z.object({ id: z.string(), ...Bilingual })),
  commonTasks: z.array(TaskTemplate),
  types: z.array(z.object({ id: z.string(), defaultSeverity: z.enum(SEVERITIES), ...Bilingual, tasks: z.array(TaskTemplate) })),
});
export type TypesCatalog = z.infer<typeof TypesCatalog>;
export type TaskTemplate = z.infer<typeof TaskTemplate>;

export const FACT_NAMES = [
  'nearMiss',
  'personalData',
  'personCount',
  'dataKinds',
  'countries',
  'unlawfulPurpose',
  'highRisk',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: FactName; op: 'is'; value: boolean }
  | { fact: FactName; op: 'gt' | 'gte'; value: number }
  | { fact: FactName; op: 'includesAny'; value: string | string[] };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema) }).strict(),
    z.object({ any: z.array(ConditionSchema) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.object({ fact: z.enum(FACT_NAMES), op: z.literal('is'), value: z.boolean() }).strict(),
    z.object({ fact: z.enum(FACT_NAMES), op: z.enum(['gt', 'gte']), value: z.number() }).strict(),
    z
      .object({ fact: z.enum(FACT_NAMES), op: z.literal('includesAny'), value: z.union([z.string(), z.array(z.string())]) })
      .strict(),
  ]),
);

export { DurationSchema, type Duration } from '../../platform/deadlines/engine';

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,60}$/),
    jurisdiction: z.string(),
    law: z.string(),
    titleJa: z.string(),
    titleEn: z.string(),
    recipientJa: z.string(),
    recipientEn: z.string(),
    hard: z.boolean(),
    perCustomer: z.boolean().optional(),
    when: ConditionSchema,
    from: z.literal('awareAt'),
    timeZone: z.string(),
    calendar: z.string().optional(),
    due: z.union([DurationSchema, z.literal('customer')]),
    warn: z.union([z.object({ after: DurationSchema }).strict(), z.object({ before: DurationSchema }).strict()]),
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

export const RulesCatalogSchema = z.object({
  version: z.literal(1),
  sets: z.record(z.string(), z.array(z.string())),
  calendars: z.record(z.string(), z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))),
  rules: z.array(RuleSchema),
});
export type RulesCatalog = z.infer<typeof RulesCatalogSchema>;

function read<T>(schema: z.ZodType<T>, name: string): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(catalogFile(name), 'utf8')));
  if (!parsed.success) throw new Error(`catalogs/${name} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

let types: TypesCatalog | undefined;
let rules: RulesCatalog | undefined;

export const typesCatalog = (): TypesCatalog => (types ??= read(TypesCatalog, 'incident-types.json'));

export function rulesCatalog(): RulesCatalog {
  if (rules) return rules;
  const catalog = read(RulesCatalogSchema, 'incident-deadline-rules.json');
  for (const rule of catalog.rules) {
    // A bad time zone must fail at start, not at the first report.
    new Intl.DateTimeFormat('en', { timeZone: rule.timeZone });
    if (rule.calendar && !catalog.calendars[rule.calendar]) throw new Error(`rule ${rule.id}: unknown calendar ${rule.calendar}`);
  }
  return (rules = catalog);
}

export const incidentType = (id: string) => typesCatalog().types.find((t) => t.id === id);
export const causeLabel = (id: string | null, lang: 'ja' | 'en') =>
  id ? (typesCatalog().causes.find((c) => c.id === id)?.[lang] ?? id) : null;
export const typeLabel = (id: string, lang: 'ja' | 'en') => incidentType(id)?.[lang] ?? id;
/** What a clock shows of its rule: the incident catalogue's, or a shared regulatory rule's (NIS2, issue 17). */
export type ClockRuleLabel = Pick<Rule, 'titleJa' | 'titleEn' | 'recipientJa' | 'recipientEn' | 'law'>;
export function ruleById(id: string): ClockRuleLabel | undefined {
  const rule = rulesCatalog().rules.find((r) => r.id === id);
  if (rule) return rule;
  const shared = regulatoryRule(id);
  return shared && { ...shared, law: shared.source };
}
export const businessCalendars = (): RulesCatalog['calendars'] => rulesCatalog().calendars;

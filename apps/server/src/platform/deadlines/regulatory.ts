import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { conditionSchema, DurationSchema, holdsOn, WarnSchema } from './engine';
import { planStages, StartSchema, stageProblems, type PlannedStage, type StageFacts } from './stages';

/**
 * The reporting duties several domains share (catalogs/regulatory-reporting-rules.json): CRA art. 14 for the
 * PSIRT's cases, NIS2 art. 23 and SEC disclosure for incidents. Read and checked once; a rule that names an
 * event its regime does not have, an unknown calendar or time zone, or a loop of submissions fails at start.
 */

export const REGULATORY_FACTS = ['secFilerType'] as const;
export type RegulatoryFact = (typeof REGULATORY_FACTS)[number];
export const REPORT_STAGES = ['early_warning', 'notification', 'progress_report', 'final_report', 'filing'] as const;

const Bilingual = { titleJa: z.string().min(1), titleEn: z.string().min(1) };

const RegimeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,60}$/),
    source: z.string().min(1),
    ...Bilingual,
    events: z.array(z.object({ id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/), ja: z.string(), en: z.string() }).strict()).min(1),
  })
  .strict();

const RegulatoryRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,60}$/),
    regime: z.string(),
    stage: z.enum(REPORT_STAGES),
    source: z.string().min(1),
    ...Bilingual,
    recipientJa: z.string().min(1),
    recipientEn: z.string().min(1),
    hard: z.boolean(),
    from: StartSchema,
    timeZone: z.string(),
    calendar: z.string().optional(),
    due: DurationSchema,
    warn: WarnSchema,
    showWaiting: z.boolean().optional(),
    /** the stage also asks the manufacturer to inform the impacted users (CRA art. 14(8)): a user notice is offered */
    informUsers: z.boolean().optional(),
    when: conditionSchema(REGULATORY_FACTS).optional(),
    checkWithLegal: z.boolean(),
    interpretationJa: z.string().min(1).optional(),
    interpretationEn: z.string().min(1).optional(),
  })
  .strict()
  .refine((r) => !r.checkWithLegal || (r.interpretationJa && r.interpretationEn), {
    message: 'a rule to check with Legal says its interpretation in ja and en',
  });
export type RegulatoryRule = z.infer<typeof RegulatoryRuleSchema>;

const CatalogueSchema = z
  .object({
    version: z.literal(1),
    about: z.array(z.string()),
    regimes: z.array(RegimeSchema),
    calendars: z.record(z.string(), z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))),
    rules: z.array(RegulatoryRuleSchema),
  })
  .strict();
export type RegulatoryCatalogue = z.infer<typeof CatalogueSchema>;

/** Parses and checks a catalogue; throws one error listing every problem. */
export function checkRegulatoryCatalogue(raw: unknown): RegulatoryCatalogue {
  const parsed = CatalogueSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`regulatory-reporting-rules.json is invalid: ${z.prettifyError(parsed.error)}`);
  const cat = parsed.data;
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const rule of cat.rules) {
    if (ids.has(rule.id)) problems.push(`rule ${rule.id} is listed twice`);
    ids.add(rule.id);
    if (!cat.regimes.some((g) => g.id === rule.regime)) problems.push(`rule ${rule.id}: unknown regime ${rule.regime}`);
    if (rule.calendar && !cat.calendars[rule.calendar]) problems.push(`rule ${rule.id}: unknown calendar ${rule.calendar}`);
    try {
      new Intl.DateTimeFormat('en', { timeZone: rule.timeZone });
    } catch {
      problems.push(`rule ${rule.id}: unknown time zone ${rule.timeZone}`);
    }
  }
  for (const regime of cat.regimes)
    problems.push(
      ...stageProblems(
        cat.rules.filter((r) => r.regime === regime.id),
        regime.events.map((e) => e.id),
      ),
    );
  if (problems.length) throw new Error(`regulatory-reporting-rules.json is invalid:\n- ${problems.join('\n- ')}`);
  return cat;
}

let catalogue: RegulatoryCatalogue | undefined;

export function regulatoryCatalogue(): RegulatoryCatalogue {
  if (catalogue) return catalogue;
  const file = fileURLToPath(new URL('../../../../../catalogs/regulatory-reporting-rules.json', import.meta.url));
  return (catalogue = checkRegulatoryCatalogue(JSON.parse(readFileSync(file, 'utf8'))));
}

export const regulatoryRule = (id: string) => regulatoryCatalogue().rules.find((r) => r.id === id);
export const regimeOf = (id: string) => regulatoryCatalogue().regimes.find((r) => r.id === id);

/** The stages of a regime that apply to the facts, planned from the record's events and submissions. */
export function planRegime(
  regimeId: string,
  stageFacts: StageFacts,
  facts: Partial<Record<RegulatoryFact, unknown>> = {},
): (PlannedStage & { rule: RegulatoryRule })[] {
  const cat = regulatoryCatalogue();
  const rules = cat.rules.filter((r) => r.regime === regimeId && (!r.when || holdsOn(r.when, (n) => facts[n], {})));
  const byId = new Map(rules.map((r) => [r.id, r]));
  return planStages(rules, stageFacts, cat.calendars).map((p) => ({ ...p, rule: byId.get(p.ruleId)! }));
}

import type { IncidentFacts } from '@mamori/contracts';
import { dueAndWarn, holdsOn, type CalendarContext, type Duration } from '../../platform/deadlines/engine';
import { planRegime } from '../../platform/deadlines/regulatory';
import type { Condition, Rule, RulesCatalog } from './catalog';

/**
 * Incidents' use of the deadline engine (platform/deadlines): an incident's facts to the clocks that apply.
 * No database, no clock of its own: `now` is always passed in.
 */
export { clockStatus, shift, type CalendarContext, type ClockStatus } from '../../platform/deadlines/engine';

export interface RuleFacts extends IncidentFacts {
  nearMiss: boolean;
}

export interface Clock {
  ruleId: string;
  /** the customer a contractual clock is for; '' for other rules */
  customer: string;
  hard: boolean;
  startAt: Date;
  warnAt: Date;
  dueAt: Date;
}

type Sets = RulesCatalog['sets'];

function factValue(facts: RuleFacts, name: string): unknown {
  if (name === 'personCount') return facts.personCount ?? 0;
  return (facts as unknown as Record<string, unknown>)[name];
}

/** Evaluates a rule's condition; `includesAny` takes a list or the name of a set ("$EEA"). */
export const holds = (cond: Condition, facts: RuleFacts, sets: Sets): boolean =>
  holdsOn(cond, (name) => factValue(facts, name), sets);

const calendarOf = (rule: Rule, catalog: RulesCatalog): CalendarContext => ({
  timeZone: rule.timeZone,
  holidays: new Set(rule.calendar ? catalog.calendars[rule.calendar] : []),
});

/** The clock a rule gives, from its start, for an optional customer's own contractual limit. */
export function clockFor(rule: Rule, catalog: RulesCatalog, startAt: Date, customer?: { name: string; within: Duration }): Clock {
  const due = rule.due === 'customer' ? customer?.within : rule.due;
  if (!due) throw new Error(`rule ${rule.id} needs a customer's contractual limit`);
  const { dueAt, warnAt } = dueAndWarn(startAt, due, rule.warn, calendarOf(rule, catalog));
  return { ruleId: rule.id, customer: customer?.name ?? '', hard: rule.hard, startAt, warnAt, dueAt };
}

/** Every clock that applies to these facts, awareness at `awareAt`. */
export function computeClocks(catalog: RulesCatalog, facts: RuleFacts, awareAt: Date): Clock[] {
  const clocks: Clock[] = [];
  for (const rule of catalog.rules) {
    if (!holds(rule.when, facts, catalog.sets)) continue;
    if (rule.perCustomer) for (const c of facts.customers) clocks.push(clockFor(rule, catalog, awareAt, c));
    else clocks.push(clockFor(rule, catalog, awareAt));
  }
  return clocks;
}

export const NIS2_REGIME = 'nis2-significant-incident';
export const SEC_REGIME = 'sec-cybersecurity-incident';

/**
 * NIS2 art. 23 stages of a significant incident (fact `nis2Significant`) and the US SEC filing of a material one (fact
 * `secMaterialAt`, by the company's filer type), from the shared regulatory catalogue: each started stage is a clock;
 * NIS2's final report starts when the notification's clock is met (`metAt` by rule id), its after-handling final
 * report when `nis2HandledAt` is recorded.
 */
export function regulatoryClocks(
  facts: RuleFacts,
  awareAt: Date,
  metAt: Record<string, Date | null>,
  secFilerType: string = 'none',
): Clock[] {
  if (facts.nearMiss) return [];
  const clocks: Clock[] = [];
  const add = (planned: ReturnType<typeof planRegime>) => {
    for (const p of planned)
      if (p.startAt && p.warnAt && p.dueAt)
        clocks.push({ ruleId: p.ruleId, customer: '', hard: p.rule.hard, startAt: p.startAt, warnAt: p.warnAt, dueAt: p.dueAt });
  };
  const at = (v: string | null | undefined) => (v ? new Date(v) : null);
  if (facts.nis2Significant)
    add(planRegime(NIS2_REGIME, { events: { awareAt, handledAt: at(facts.nis2HandledAt) }, submitted: metAt }));
  // US SEC: from the materiality determination, by the company's filer type (8-K domestic, 6-K foreign private issuer).
  if (facts.secMaterialAt && secFilerType !== 'none')
    add(
      planRegime(
        SEC_REGIME,
        { events: { materialityDeterminedAt: at(facts.secMaterialAt) }, submitted: metAt },
        { secFilerType },
      ),
    );
  return clocks;
}

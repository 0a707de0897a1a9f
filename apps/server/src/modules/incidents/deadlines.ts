import type { IncidentFacts } from '@mamori/contracts';
import type { Condition, Duration, Rule, RulesCatalog } from './catalog';
import { addDays, instantOf, isoDate, isWeekend, localOf, type LocalDate } from './zoned-time';

/**
 * The deadline rules engine: pure functions from an incident's facts to the clocks that apply.
 * No database, no clock of its own: `now` is always passed in.
 */
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
export function holds(cond: Condition, facts: RuleFacts, sets: Sets): boolean {
  if ('all' in cond) return cond.all.every((c) => holds(c, facts, sets));
  if ('any' in cond) return cond.any.some((c) => holds(c, facts, sets));
  if ('not' in cond) return !holds(cond.not, facts, sets);
  const value = factValue(facts, cond.fact);
  switch (cond.op) {
    case 'is':
      return value === cond.value;
    case 'gt':
      return typeof value === 'number' && value > cond.value;
    case 'gte':
      return typeof value === 'number' && value >= cond.value;
    case 'includesAny': {
      const wanted = typeof cond.value === 'string' ? setOf(sets, cond.value) : cond.value;
      return Array.isArray(value) && value.some((v) => wanted.includes(String(v)));
    }
  }
}

function setOf(sets: Sets, ref: string): string[] {
  const set = ref.startsWith('$') ? sets[ref.slice(1)] : undefined;
  if (!set) throw new Error(`unknown set ${ref} in a deadline rule`);
  return set;
}

export interface CalendarContext {
  timeZone: string;
  holidays: ReadonlySet<string>;
}

const isBusinessDay = (d: LocalDate, cal: CalendarContext) => !isWeekend(d) && !cal.holidays.has(isoDate(d));

/**
 * Moves an instant by a duration (backwards when `sign` is -1). Hours are elapsed time; days are
 * counted on the zone's calendar from the next day on (the start day is not counted), keeping the
 * wall-clock time, or ending at 23:59:59.999 local with `endOfDay`.
 */
export function shift(from: Date, d: Duration, cal: CalendarContext, sign: 1 | -1 = 1): Date {
  if (d.unit === 'hours') return new Date(from.getTime() + sign * d.amount * 3_600_000);
  const local = localOf(from.getTime(), cal.timeZone);
  let date: LocalDate = local;
  if (d.unit === 'calendarDays') date = addDays(local, sign * d.amount);
  else for (let left = d.amount; left > 0;) if (isBusinessDay((date = addDays(date, sign)), cal)) left--;
  const time = d.endOfDay ? { h: 23, mi: 59, s: 59, ms: 999 } : { h: local.h, mi: local.mi, s: local.s, ms: local.ms };
  return new Date(instantOf({ ...date, ...time }, cal.timeZone));
}

const calendarOf = (rule: Rule, catalog: RulesCatalog): CalendarContext => ({
  timeZone: rule.timeZone,
  holidays: new Set(rule.calendar ? catalog.calendars[rule.calendar] : []),
});

/** The clock a rule gives, from its start, for an optional customer's own contractual limit. */
export function clockFor(rule: Rule, catalog: RulesCatalog, startAt: Date, customer?: { name: string; within: Duration }): Clock {
  const cal = calendarOf(rule, catalog);
  const due = rule.due === 'customer' ? customer?.within : rule.due;
  if (!due) throw new Error(`rule ${rule.id} needs a customer's contractual limit`);
  const dueAt = shift(startAt, due, cal);
  const warn = 'after' in rule.warn ? shift(startAt, rule.warn.after, cal) : shift(dueAt, rule.warn.before, cal, -1);
  const warnAt = new Date(Math.min(dueAt.getTime(), Math.max(startAt.getTime(), warn.getTime())));
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

export type ClockStatus = 'pending' | 'due_soon' | 'overdue' | 'met' | 'met_late' | 'waived' | 'not_applicable';

/** Where a clock stands at `now`. */
export function clockStatus(
  c: { warnAt: Date; dueAt: Date; metAt: Date | null; waivedAt: Date | null; obsoleteAt: Date | null },
  now: Date,
): ClockStatus {
  if (c.metAt) return c.metAt <= c.dueAt ? 'met' : 'met_late';
  if (c.waivedAt) return 'waived';
  if (c.obsoleteAt) return 'not_applicable';
  if (now >= c.dueAt) return 'overdue';
  return now >= c.warnAt ? 'due_soon' : 'pending';
}

import { z } from 'zod';
import { addDays, instantOf, isoDate, isWeekend, localOf, type LocalDate } from './zoned-time';

/**
 * The deadline engine shared by every domain with regulatory clocks (incidents' report duties, privacy's
 * data-subject requests): durations counted in elapsed hours or on a named time zone's calendar (calendar
 * days, business days skipping weekends and a holiday list, calendar months), and conditions over a record's
 * facts, as data in a domain's catalogue. Pure functions: no database, `now` always passed in.
 */

export const DurationSchema = z
  .object({
    amount: z.number().int().min(0),
    unit: z.enum(['hours', 'calendarDays', 'businessDays', 'calendarMonths']),
    endOfDay: z.boolean().optional(),
  })
  .strict();
export type Duration = z.infer<typeof DurationSchema>;

export const WarnSchema = z.union([z.object({ after: DurationSchema }).strict(), z.object({ before: DurationSchema }).strict()]);
export type Warn = z.infer<typeof WarnSchema>;

/** A condition on named facts; `includesAny` takes a list or the name of a set of the catalogue ("$EEA"). */
export type Condition<F extends string = string> =
  | { all: Condition<F>[] }
  | { any: Condition<F>[] }
  | { not: Condition<F> }
  | { fact: F; op: 'is'; value: boolean | string }
  | { fact: F; op: 'gt' | 'gte'; value: number }
  | { fact: F; op: 'includesAny'; value: string | string[] };

/** The zod schema of conditions over the given fact names (a typo in a catalogue fails at start). */
export function conditionSchema<F extends string>(names: readonly [F, ...F[]]): z.ZodType<Condition<F>> {
  const fact = z.enum(names as unknown as [F, ...F[]]);
  const schema: z.ZodType<Condition<F>> = z.lazy(() =>
    z.union([
      z.object({ all: z.array(schema) }).strict(),
      z.object({ any: z.array(schema) }).strict(),
      z.object({ not: schema }).strict(),
      z.object({ fact, op: z.literal('is'), value: z.union([z.boolean(), z.string()]) }).strict(),
      z.object({ fact, op: z.enum(['gt', 'gte']), value: z.number() }).strict(),
      z.object({ fact, op: z.literal('includesAny'), value: z.union([z.string(), z.array(z.string())]) }).strict(),
    ]),
  ) as z.ZodType<Condition<F>>;
  return schema;
}

export type Sets = Record<string, string[]>;

/** Evaluates a condition, reading each fact through `valueOf`. */
export function holdsOn<F extends string>(cond: Condition<F>, valueOf: (name: F) => unknown, sets: Sets): boolean {
  if ('all' in cond) return cond.all.every((c) => holdsOn(c, valueOf, sets));
  if ('any' in cond) return cond.any.some((c) => holdsOn(c, valueOf, sets));
  if ('not' in cond) return !holdsOn(cond.not, valueOf, sets);
  const value = valueOf(cond.fact);
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

/** The same day `months` later; a day the month lacks (31 March + 1 month) is its last day (30 April). */
function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { y, m, d: Math.min(date.d, last) };
}

/**
 * Moves an instant by a duration (backwards when `sign` is -1). Hours are elapsed time; days and months are
 * counted on the zone's calendar from the next day on (the start day is not counted), keeping the wall-clock
 * time, or ending at 23:59:59.999 local with `endOfDay`.
 */
export function shift(from: Date, d: Duration, cal: CalendarContext, sign: 1 | -1 = 1): Date {
  if (d.unit === 'hours') return new Date(from.getTime() + sign * d.amount * 3_600_000);
  const local = localOf(from.getTime(), cal.timeZone);
  let date: LocalDate = local;
  if (d.unit === 'calendarDays') date = addDays(local, sign * d.amount);
  else if (d.unit === 'calendarMonths') date = addMonths(local, sign * d.amount);
  else for (let left = d.amount; left > 0;) if (isBusinessDay((date = addDays(date, sign)), cal)) left--;
  const time = d.endOfDay ? { h: 23, mi: 59, s: 59, ms: 999 } : { h: local.h, mi: local.mi, s: local.s, ms: local.ms };
  return new Date(instantOf({ ...date, ...time }, cal.timeZone));
}

/** The due and warning instants of a clock started at `startAt` (the warning never before the start nor after the due). */
export function dueAndWarn(startAt: Date, due: Duration, warn: Warn, cal: CalendarContext): { dueAt: Date; warnAt: Date } {
  const dueAt = shift(startAt, due, cal);
  const w = 'after' in warn ? shift(startAt, warn.after, cal) : shift(dueAt, warn.before, cal, -1);
  const warnAt = new Date(Math.min(dueAt.getTime(), Math.max(startAt.getTime(), w.getTime())));
  return { dueAt, warnAt };
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

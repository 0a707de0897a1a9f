import { z } from 'zod';
import { dueAndWarn, type CalendarContext, type Duration, type Warn } from './engine';

/**
 * Chained reporting stages on the deadline engine: a stage's clock starts from a recorded event of the record
 * (awareness, a fix made available, a materiality determination) or from the submission of an earlier stage
 * (NIS2's final report one month after the notification). Until that moment the stage waits: it has no due
 * time yet, and says what it waits for. Pure functions, as engine.ts.
 */

const name = z.string().regex(/^[a-z][a-zA-Z0-9]*$/);
export const StartSchema = z.union([
  z.object({ event: name }).strict(),
  z.object({ submitted: z.string().regex(/^[a-z0-9-]{1,60}$/) }).strict(),
]);
export type Start = z.infer<typeof StartSchema>;

export interface StageRule {
  id: string;
  from: Start;
  due: Duration;
  warn: Warn;
  timeZone: string;
  calendar?: string | undefined;
  /** false: the stage is not listed until its start is recorded (a stage that only some cases ever reach) */
  showWaiting?: boolean | undefined;
}

export interface StageFacts {
  /** the record's events by name; null or absent = not recorded (yet) */
  events: Record<string, Date | null | undefined>;
  /** when each stage (by rule id) was submitted, if it was */
  submitted: Record<string, Date | null | undefined>;
}

export interface PlannedStage {
  ruleId: string;
  startAt: Date | null;
  warnAt: Date | null;
  dueAt: Date | null;
  /** what the stage waits for while it has no start: an event name, or the rule id whose submission starts it */
  waitingFor: Start | null;
}

export const startOf = (rule: Pick<StageRule, 'from'>, facts: StageFacts): Date | null =>
  ('event' in rule.from ? facts.events[rule.from.event] : facts.submitted[rule.from.submitted]) ?? null;

/** The clock of every stage: running from its start, or waiting for it (hidden when the rule says so). */
export function planStages(
  rules: readonly StageRule[],
  facts: StageFacts,
  calendars: Readonly<Record<string, readonly string[]>>,
): PlannedStage[] {
  const out: PlannedStage[] = [];
  for (const rule of rules) {
    const startAt = startOf(rule, facts);
    if (!startAt) {
      if (rule.showWaiting !== false)
        out.push({ ruleId: rule.id, startAt: null, warnAt: null, dueAt: null, waitingFor: rule.from });
      continue;
    }
    const cal: CalendarContext = {
      timeZone: rule.timeZone,
      holidays: new Set(rule.calendar ? (calendars[rule.calendar] ?? []) : []),
    };
    const { dueAt, warnAt } = dueAndWarn(startAt, rule.due, rule.warn, cal);
    out.push({ ruleId: rule.id, startAt, warnAt, dueAt, waitingFor: null });
  }
  return out;
}

/**
 * Checks a set of stage rules: every event is one the record can have, every `submitted` names a rule of the
 * set, and no chain of submissions loops. Returns the problems (empty when sound).
 */
export function stageProblems(rules: readonly StageRule[], events: readonly string[]): string[] {
  const problems: string[] = [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const rule of rules) {
    if ('event' in rule.from && !events.includes(rule.from.event))
      problems.push(`rule ${rule.id} starts from the event "${rule.from.event}", which is not one of ${events.join(', ')}`);
    if ('submitted' in rule.from && !byId.has(rule.from.submitted))
      problems.push(`rule ${rule.id} starts from the submission of "${rule.from.submitted}", which is not a rule of its regime`);
    const seen = new Set<string>([rule.id]);
    for (let r = rule; 'submitted' in r.from;) {
      const next = byId.get(r.from.submitted);
      if (!next) break;
      if (seen.has(next.id)) {
        problems.push(`rule ${rule.id}: its chain of submissions loops`);
        break;
      }
      seen.add(next.id);
      r = next;
    }
  }
  return problems;
}

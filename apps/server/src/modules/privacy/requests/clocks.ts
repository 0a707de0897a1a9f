import { clockStatus, dueAndWarn, holdsOn } from '../../../platform/deadlines/engine';
import { businessCalendars } from '../../incidents/service';
import { requestRules, type RequestRule } from '../catalog';
import type { StoredClock } from './tables';

export interface RequestFacts {
  laws: string[];
  type: string;
}

const calendarOf = (rule: RequestRule) => ({
  timeZone: rule.timeZone,
  holidays: new Set(rule.calendar ? (businessCalendars()[rule.calendar] ?? []) : []),
});

/**
 * The clocks of a request (catalogs/privacy-request-rules.json), from its receipt, on the incidents' engine. Once the
 * request is `extended`, each clock whose rule allows an extension runs to its extended due date (warning as before
 * it), the others (APPI) unchanged.
 */
export function requestClocks(facts: RequestFacts, receivedAt: Date, extended = false): StoredClock[] {
  const { rules, sets } = requestRules();
  return rules
    .filter((r) => holdsOn(r.when, (name) => facts[name], sets))
    .map((r) => {
      const longer = extended && r.extended;
      const { dueAt, warnAt } = dueAndWarn(receivedAt, longer || r.due, r.warn, calendarOf(r));
      return {
        ruleId: r.id,
        hard: r.hard,
        startAt: receivedAt.toISOString(),
        warnAt: warnAt.toISOString(),
        dueAt: dueAt.toISOString(),
        ...(longer ? { extended: true } : {}),
      };
    });
}

/** The clocks of these that an extension would move (their rule has an extended due date). */
export const extendable = (clocks: StoredClock[]) =>
  clocks.filter((c) => !c.extended && requestRules().rules.find((r) => r.id === c.ruleId)?.extended);

/** The earliest warning and due instants of the clocks still running (null once closed). */
export function nextOf(clocks: StoredClock[]) {
  if (!clocks.length) return { nextWarnAt: null, nextDueAt: null };
  return {
    nextWarnAt: new Date(Math.min(...clocks.map((c) => Date.parse(c.warnAt)))),
    nextDueAt: new Date(Math.min(...clocks.map((c) => Date.parse(c.dueAt)))),
  };
}

/** A stored clock as the API shows it, with its status at `now` given how the request ended. */
export function presentClock(c: StoredClock, end: { answeredAt: Date | null; closedWithoutAnswer: boolean }, now: Date) {
  const rule = requestRules().rules.find((r) => r.id === c.ruleId);
  return {
    ruleId: c.ruleId,
    title: { ja: rule?.titleJa ?? c.ruleId, en: rule?.titleEn ?? c.ruleId },
    law: rule?.law ?? '',
    hard: c.hard,
    startAt: c.startAt,
    warnAt: c.warnAt,
    dueAt: c.dueAt,
    extended: !!c.extended,
    status: clockStatus(
      {
        warnAt: new Date(c.warnAt),
        dueAt: new Date(c.dueAt),
        metAt: end.answeredAt,
        waivedAt: end.closedWithoutAnswer ? now : null,
        obsoleteAt: null,
      },
      now,
    ),
  };
}

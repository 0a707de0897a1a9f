import { describe, expect, it } from 'vitest';
import { rulesCatalog, type Rule, type RulesCatalog } from './catalog';
import { clockFor, clockStatus, computeClocks, holds, shift, type RuleFacts } from './deadlines';
import { instantOf, localOf } from '../../platform/deadlines/zoned-time';

const catalog = rulesCatalog();
const facts = (over: Partial<RuleFacts> = {}): RuleFacts => ({
  nearMiss: false,
  personalData: true,
  personCount: 10,
  countries: ['JP'],
  dataKinds: ['ordinary'],
  unlawfulPurpose: false,
  highRisk: false,
  customers: [],
  ...over,
});
const ids = (f: RuleFacts) => computeClocks(catalog, f, new Date('2026-04-01T00:00:00Z')).map((c) => c.ruleId);
const clock = (f: RuleFacts, awareAt: string, ruleId: string) =>
  computeClocks(catalog, f, new Date(awareAt)).find((c) => c.ruleId === ruleId)!;

describe('which rules apply', () => {
  it('APPI applies to sensitive or financial data whatever the count, and above 1,000 people', () => {
    expect(ids(facts())).toEqual([]);
    expect(ids(facts({ personCount: 1000 }))).toEqual([]);
    expect(ids(facts({ personCount: 1001 }))).toEqual(['jp-appi-preliminary', 'jp-appi-final', 'jp-appi-data-subject']);
    expect(ids(facts({ personCount: 1, dataKinds: ['sensitive'] }))).toContain('jp-appi-preliminary');
    expect(ids(facts({ personCount: null, dataKinds: ['financial'] }))).toContain('jp-appi-final');
  });

  it('an unlawful purpose gives the 60-day final report instead of the 30-day one', () => {
    const applied = ids(facts({ unlawfulPurpose: true }));
    expect(applied).toContain('jp-appi-final-unlawful');
    expect(applied).not.toContain('jp-appi-final');
    expect(applied).toContain('jp-appi-preliminary');
  });

  it('GDPR applies when an EEA country is among the data subjects; data-subject notice only at high risk', () => {
    expect(ids(facts({ countries: ['JP', 'DE'] }))).toEqual(['eu-gdpr-authority']);
    expect(ids(facts({ countries: ['NO'], highRisk: true }))).toEqual(['eu-gdpr-authority', 'eu-gdpr-data-subject']);
    expect(ids(facts({ countries: ['GB', 'US'] }))).toEqual([]);
  });

  it('near misses and cases without personal data start no legal clock, but a customer contract still counts', () => {
    const customers = [{ name: 'Aozora Bank', within: { amount: 24, unit: 'hours' as const } }];
    expect(ids(facts({ nearMiss: true, personCount: 5000, countries: ['FR'], customers }))).toEqual(['contract-customer']);
    expect(ids(facts({ personalData: false, dataKinds: ['sensitive'] }))).toEqual([]);
  });

  it('evaluates nested all/any/not and refuses an unknown set', () => {
    const cond = { all: [{ not: { fact: 'nearMiss' as const, op: 'is' as const, value: true } }] };
    expect(holds(cond, facts(), catalog.sets)).toBe(true);
    expect(() => holds({ fact: 'countries', op: 'includesAny', value: '$NOPE' }, facts(), catalog.sets)).toThrow('$NOPE');
  });
});

describe('APPI clocks on the Tokyo calendar', () => {
  const f = facts({ dataKinds: ['sensitive'] });

  it('counts days from the Tokyo date of awareness, not the UTC date', () => {
    // 20:00 UTC on 31 March is already 05:00 on 1 April in Tokyo: day 1 is 2 April (JST).
    const c = clock(f, '2026-03-31T20:00:00Z', 'jp-appi-preliminary');
    expect(c.warnAt.toISOString()).toBe('2026-04-04T14:59:59.999Z'); // 4 April 23:59:59.999 JST (3-day target)
    expect(c.dueAt.toISOString()).toBe('2026-04-06T14:59:59.999Z'); // 6 April 23:59:59.999 JST (5-day limit)
    // The same instant written with a +09:00 offset gives the same clock.
    expect(clock(f, '2026-04-01T05:00:00+09:00', 'jp-appi-preliminary').dueAt).toEqual(c.dueAt);
    // One hour earlier (19:00 UTC = 04:00 JST on 1 April) is the same Tokyo day.
    expect(clock(f, '2026-03-31T19:00:00Z', 'jp-appi-preliminary').dueAt).toEqual(c.dueAt);
    // 14:00 UTC on 31 March is still 23:00 on 31 March in Tokyo: one day earlier.
    expect(clock(f, '2026-03-31T14:00:00Z', 'jp-appi-preliminary').dueAt.toISOString()).toBe('2026-04-05T14:59:59.999Z');
  });

  it('final report: 30 days to the end of the day, warned 7 days ahead; 60 days for an unlawful purpose', () => {
    const c = clock(f, '2026-04-01T01:00:00Z', 'jp-appi-final');
    expect(c.dueAt.toISOString()).toBe('2026-05-01T14:59:59.999Z');
    expect(c.warnAt.toISOString()).toBe('2026-04-24T14:59:59.999Z');
    const u = clock(facts({ unlawfulPurpose: true }), '2026-04-01T01:00:00Z', 'jp-appi-final-unlawful');
    expect(u.dueAt.toISOString()).toBe('2026-05-31T14:59:59.999Z');
  });
});

describe('GDPR 72 hours', () => {
  it('is 72 elapsed hours across the spring DST change in Europe (the wall clock shows 73)', () => {
    // Friday 27 March 2026 10:00 in Brussels (CET, +01:00); clocks go forward on Sunday 29 March.
    const c = clock(facts({ countries: ['BE'] }), '2026-03-27T10:00:00+01:00', 'eu-gdpr-authority');
    expect(c.dueAt.toISOString()).toBe('2026-03-30T09:00:00.000Z');
    expect(localOf(c.dueAt.getTime(), 'Europe/Brussels')).toMatchObject({ d: 30, h: 11 }); // 11:00 CEST
    expect(c.warnAt.toISOString()).toBe('2026-03-29T09:00:00.000Z');
  });

  it('and across the autumn change (the wall clock shows 71)', () => {
    const c = clock(facts({ countries: ['DE'] }), '2026-10-23T12:00:00+02:00', 'eu-gdpr-authority');
    expect(c.dueAt.toISOString()).toBe('2026-10-26T10:00:00.000Z');
    expect(localOf(c.dueAt.getTime(), 'Europe/Berlin')).toMatchObject({ d: 26, h: 11 }); // 11:00 CET
  });
});

describe('business days and contractual clocks', () => {
  const rule: Rule = {
    ...catalog.rules.find((r) => r.id === 'contract-customer')!,
    calendar: 'JP',
  };
  const cat: RulesCatalog = { ...catalog, rules: [rule] };

  it('skips weekends and Japanese holidays (Golden Week) on the Tokyo calendar', () => {
    // Thursday 30 April 2026, 15:00 JST. Next business days: Fri 1 May, Thu 7 May (2-6 May: weekend and holidays), Fri 8 May.
    const c = clockFor(rule, cat, new Date('2026-04-30T06:00:00Z'), {
      name: 'Kaede Motors',
      within: { amount: 3, unit: 'businessDays' },
    });
    expect(c.dueAt.toISOString()).toBe('2026-05-08T06:00:00.000Z');
    expect(c.warnAt.toISOString()).toBe('2026-05-08T02:00:00.000Z'); // 4 hours ahead
  });

  it('a report late on Friday in UTC is already Saturday in Tokyo: the count starts on Monday', () => {
    const cal = { timeZone: 'Asia/Tokyo', holidays: new Set<string>() };
    const due = shift(new Date('2026-04-10T16:00:00Z'), { amount: 1, unit: 'businessDays', endOfDay: true }, cal);
    expect(due.toISOString()).toBe('2026-04-13T14:59:59.999Z'); // Monday 13 April, end of day JST
    const utc = shift(
      new Date('2026-04-10T16:00:00Z'),
      { amount: 1, unit: 'businessDays', endOfDay: true },
      { ...cal, timeZone: 'UTC' },
    );
    expect(utc.toISOString()).toBe('2026-04-13T23:59:59.999Z');
  });

  it('gives one clock per customer with its own limit; the warning never precedes the start', () => {
    const clocks = computeClocks(
      catalog,
      facts({
        customers: [
          { name: 'A', within: { amount: 24, unit: 'hours' } },
          { name: 'B', within: { amount: 2, unit: 'hours' } },
        ],
      }),
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(clocks.map((c) => [c.customer, c.dueAt.toISOString(), c.warnAt.toISOString()])).toEqual([
      ['A', '2026-06-02T00:00:00.000Z', '2026-06-01T20:00:00.000Z'],
      ['B', '2026-06-01T02:00:00.000Z', '2026-06-01T00:00:00.000Z'],
    ]);
  });
});

describe('clock status and zone helpers', () => {
  const c = {
    warnAt: new Date('2026-01-02T00:00Z'),
    dueAt: new Date('2026-01-03T00:00Z'),
    metAt: null,
    waivedAt: null,
    obsoleteAt: null,
  };
  it('moves from pending to due soon to overdue, and records met or late', () => {
    expect(clockStatus(c, new Date('2026-01-01T00:00Z'))).toBe('pending');
    expect(clockStatus(c, new Date('2026-01-02T00:00Z'))).toBe('due_soon');
    expect(clockStatus(c, new Date('2026-01-03T00:00Z'))).toBe('overdue');
    expect(clockStatus({ ...c, metAt: new Date('2026-01-02T12:00Z') }, new Date('2027-01-01'))).toBe('met');
    expect(clockStatus({ ...c, metAt: new Date('2026-01-04T00:00Z') }, new Date('2027-01-01'))).toBe('met_late');
    expect(clockStatus({ ...c, waivedAt: new Date() }, new Date('2027-01-01'))).toBe('waived');
  });

  it('finds the instant of a wall time skipped or repeated by DST', () => {
    // 02:30 on 29 March 2026 does not exist in Berlin: it becomes 03:30 CEST = 01:30 UTC.
    expect(new Date(instantOf({ y: 2026, m: 3, d: 29, h: 2, mi: 30, s: 0, ms: 0 }, 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 on 25 October 2026 happens twice: the first one (CEST) is 00:30 UTC.
    expect(new Date(instantOf({ y: 2026, m: 10, d: 25, h: 2, mi: 30, s: 0, ms: 0 }, 'Europe/Berlin')).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });
});

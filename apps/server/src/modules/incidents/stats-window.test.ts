import { describe, expect, it } from 'vitest';
import { addMonths, monthStart, statsWindow, tokyoMonth } from './stats-window';

const d = (s: string) => new Date(s);

describe('statistics window', () => {
  it('takes months in Asia/Tokyo: a month begins at 15:00 UTC the day before', () => {
    expect(monthStart('2026-04').toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(tokyoMonth(d('2026-03-31T14:59:59.999Z'))).toBe('2026-03');
    expect(tokyoMonth(d('2026-03-31T15:00:00.000Z'))).toBe('2026-04');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('reads the roll-up alone for an open period or one on month boundaries', () => {
    expect(statsWindow()).toEqual({ months: { first: undefined, last: undefined }, partial: [] });
    expect(statsWindow(monthStart('2026-01'), monthStart('2026-04'))).toEqual({
      months: { first: '2026-01', last: '2026-03' },
      partial: [],
    });
  });

  it('counts the partial months at either end from the cases', () => {
    const from = d('2026-01-10T00:00:00Z');
    const to = d('2026-04-20T00:00:00Z');
    expect(statsWindow(from, to)).toEqual({
      months: { first: '2026-02', last: '2026-03' },
      partial: [
        { from, to: monthStart('2026-02') },
        { from: monthStart('2026-04'), to },
      ],
    });
    expect(statsWindow(from)).toEqual({
      months: { first: '2026-02', last: undefined },
      partial: [{ from, to: monthStart('2026-02') }],
    });
    expect(statsWindow(undefined, to)).toEqual({
      months: { first: undefined, last: '2026-03' },
      partial: [{ from: monthStart('2026-04'), to }],
    });
  });

  it('reads only the cases when no whole month fits, and nothing for an empty period', () => {
    const from = d('2026-01-10T00:00:00Z');
    const to = d('2026-02-05T00:00:00Z');
    expect(statsWindow(from, to)).toEqual({ months: null, partial: [{ from, to }] });
    expect(statsWindow(to, from)).toEqual({ months: null, partial: [] });
  });
});

/**
 * Splits a statistics period [from, to) into the whole months (Asia/Tokyo) the roll-up answers and the
 * partial months at either end, which are counted from the cases themselves. Either bound may be open.
 */
export interface StatsWindow {
  /** whole months, inclusive 'YYYY-MM' bounds (undefined = unbounded); null when no whole month fits */
  months: { first?: string; last?: string } | null;
  /** report-time ranges [from, to) outside those months, read from the cases */
  partial: { from?: Date; to?: Date }[];
}

const TOKYO_OFFSET_MS = 9 * 3600_000; // Japan has no daylight saving time

/** The instant a Tokyo month begins. */
export function monthStart(month: string): Date {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, 1) - TOKYO_OFFSET_MS);
}

/** 'YYYY-MM' in Asia/Tokyo. */
export function tokyoMonth(at: Date): string {
  return new Date(at.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1 + n, 1)).toISOString().slice(0, 7);
}

export function statsWindow(from?: Date, to?: Date): StatsWindow {
  // The first month that starts at or after `from`; the month holding `to` is partial (or starts at it), so the one before.
  const fromMonth = from && tokyoMonth(from);
  const first = from && fromMonth && (monthStart(fromMonth).getTime() === from.getTime() ? fromMonth : addMonths(fromMonth, 1));
  const last = to && addMonths(tokyoMonth(to), -1);
  if (first && last && first > last) return { months: null, partial: from!.getTime() < to!.getTime() ? [{ from, to }] : [] };
  const partial: StatsWindow['partial'] = [];
  if (from && first && from.getTime() < monthStart(first).getTime()) partial.push({ from, to: monthStart(first) });
  if (to && last) {
    const end = monthStart(addMonths(last, 1));
    if (end.getTime() < to.getTime()) partial.push({ from: end, to });
  }
  return { months: { first, last }, partial };
}

/**
 * The group's fiscal year runs April to March and is named by the year it starts in: FY2026 (2026年度) is
 * 2026-04-01 … 2027-03-31. Server (grouping, exports, demo names) and web (labels) use these two functions only.
 */
export const FISCAL_YEAR_START_MONTH = 4;

const TOKYO_OFFSET_MS = 9 * 3_600_000; // Japan keeps no daylight saving time

/**
 * The fiscal year of a day (`YYYY-MM-DD`, taken as written) or of a moment (its day in Tokyo, where the group
 * keeps its books).
 */
export function fiscalYearOf(date: Date | string): number {
  let year: number;
  let month: number;
  if (typeof date === 'string') {
    const m = /^(\d{4})-(\d{2})/.exec(date);
    if (!m) throw new RangeError(`not a day: ${date}`);
    year = Number(m[1]);
    month = Number(m[2]);
  } else {
    const tokyo = new Date(date.getTime() + TOKYO_OFFSET_MS);
    year = tokyo.getUTCFullYear();
    month = tokyo.getUTCMonth() + 1;
  }
  return month >= FISCAL_YEAR_START_MONTH ? year : year - 1;
}

/** '2026年度' in Japanese, 'FY2026' in English. */
export const fiscalYearLabel = (fy: number, lang: string): string => (lang === 'ja' ? `${fy}年度` : `FY${fy}`);

/** The first and last day of a fiscal year (`YYYY-MM-DD`). */
export function fiscalYearDays(fy: number): { from: string; to: string } {
  const from = new Date(Date.UTC(fy, FISCAL_YEAR_START_MONTH - 1, 1));
  const to = new Date(Date.UTC(fy + 1, FISCAL_YEAR_START_MONTH - 1, 0)); // day 0: the last day of the month before
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/**
 * Today in Tokyo (`YYYY-MM-DD`), where the group keeps its days: due dates, periods and "overdue" are judged on
 * it by the server, so a form's default day must be it too (a browser in UTC is a day behind after 15:00 UTC).
 */
export const todayJst = (now: Date = new Date()): string => new Date(now.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);

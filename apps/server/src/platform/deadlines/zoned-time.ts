/**
 * Calendar arithmetic in a named time zone with only Intl (no time-zone library): a local date is
 * { y, m, d } on the proleptic Gregorian calendar; an instant is a UTC millisecond count.
 */
export interface LocalDate {
  y: number;
  m: number;
  d: number;
}
export interface LocalDateTime extends LocalDate {
  h: number;
  mi: number;
  s: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (tz: string) => {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
};

/** The wall-clock time of an instant in a zone. */
export function localOf(instant: number, tz: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    y: parts.year!,
    m: parts.month!,
    d: parts.day!,
    h: parts.hour!,
    mi: parts.minute!,
    s: parts.second!,
    ms: ((instant % 1000) + 1000) % 1000,
  };
}

const wallMs = (t: LocalDateTime) => Date.UTC(t.y, t.m - 1, t.d, t.h, t.mi, t.s, t.ms);
const offsetAt = (instant: number, tz: string) => wallMs(localOf(instant, tz)) - instant;

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a DST jump is moved forward by
 * the jump; a repeated one takes its first occurrence.
 */
export function instantOf(t: LocalDateTime, tz: string): number {
  const wall = wallMs(t);
  // The offsets a day before and a day after: at most one change lies between them.
  const before = wall - offsetAt(wall - 86_400_000, tz);
  const after = wall - offsetAt(wall + 86_400_000, tz);
  const shows = [before, after].filter((c) => wallMs(localOf(c, tz)) === wall);
  // Shown by both (or no change): the earlier; shown by none (skipped): the old offset, i.e. after the jump.
  return shows.length ? Math.min(...shows) : before;
}

/** The local date `days` calendar days after (or before, when negative) a local date. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export const isoDate = (d: LocalDate) =>
  `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

/** Saturday or Sunday. */
export const isWeekend = (d: LocalDate) => [0, 6].includes(new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay());

import { isWellFormedText } from '@mamori/contracts';
import { z } from 'zod';
import { AppError, fieldError, msg } from '../errors/app-error';

type CursorValue = string | number | null;

/** Keyset cursors are opaque to clients: the sort values of the last row, base64url JSON. */
export const encodeCursor = (values: CursorValue[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A timestamp as PostgreSQL writes it as text (microseconds kept). */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
/**
 * Cursors carry values of stored rows, which may predate today's input bounds: a cursor's date is checked for
 * what PostgreSQL can read (years 0001–9999), not for the 1900–2200 of input.
 */
const notYearZero = (s: string) => !s.startsWith('0000');

/**
 * What may stand at each position of a cursor. A list declares its cursor's shape with these, so a cursor
 * that decodes to the wrong kind of value (a forged `[1,2]`) is a 400 before it reaches SQL.
 */
export const CursorPart = {
  uuid: z.string().regex(UUID),
  /** an instant as `Date.toISOString()` writes it */
  instant: z.iso.datetime().refine(notYearZero),
  /** a timestamp as PostgreSQL's `::text` writes it (microseconds kept: a JavaScript Date would drop them and skip rows) */
  pgTimestamp: z.string().regex(PG_TIMESTAMP).refine(notYearZero),
  /** a calendar day, YYYY-MM-DD */
  day: z.iso.date().refine(notYearZero),
  /** a finite number within ±1e9 (scores) */
  number: z.number().min(-1e9).max(1e9),
  /** text of at most `max` characters, storable (no NUL, no lone surrogate) */
  text: (max: number) => z.string().max(max).refine(isWellFormedText),
};

/** Decodes a cursor and checks its shape: the number of values and the kind of each. Anything else is a 400. */
export function decodeCursor<T extends z.ZodTuple>(cursor: string, shape: T): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = shape.safeParse(value);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

/** The 400 for a cursor this API did not give out (also for one that decodes but holds the wrong kind of value). */
export const invalidCursor = () =>
  new AppError('validation', msg('problem.cursor_invalid'), [fieldError('querystring.cursor', 'validation.cursor')]);

/** Splits the `limit + 1` rows of a keyset query into a page and the next cursor. */
export function pageOf<R, T>(rows: R[], limit: number, present: (r: R) => T, cursorOf: (r: R) => CursorValue[]) {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { items: slice.map(present), nextCursor: more ? encodeCursor(cursorOf(slice[slice.length - 1]!)) : null };
}

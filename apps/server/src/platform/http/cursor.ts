import { AppError } from '../errors/app-error';

/** Keyset cursors are opaque to clients: the sort values of the last row, base64url JSON. */
export const encodeCursor = (values: (string | number | null)[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string, arity: number): (string | number | null)[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === arity && v.every((x) => x === null || ['string', 'number'].includes(typeof x))) return v;
  } catch {
    /* fall through */
  }
  throw invalidCursor();
}

/** The 400 for a cursor this API did not give out (also for one that decodes but holds the wrong kind of value). */
export const invalidCursor = () =>
  new AppError('validation', 'The cursor is not one this API gave out.', [
    { path: 'querystring.cursor', message: 'invalid cursor' },
  ]);

/** Splits the `limit + 1` rows of a keyset query into a page and the next cursor. */
export function pageOf<R, T>(rows: R[], limit: number, present: (r: R) => T, cursorOf: (r: R) => (string | number | null)[]) {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { items: slice.map(present), nextCursor: more ? encodeCursor(cursorOf(slice[slice.length - 1]!)) : null };
}

import { integer } from 'drizzle-orm/pg-core';
import { AppError, msg } from '../errors/app-error';

/**
 * The row version of a main record: 1 at insert, bumped by a trigger on every UPDATE (migration 0020,
 * `mamori_bump_version`), whichever code path writes the row. It is the record's ETag.
 */
export const versionColumn = () => integer('row_version').notNull().default(1);

/**
 * What the client's `If-Match` asks for: the versions it accepts (`"3"` or `"3", "4"`); `undefined` when it sent
 * no If-Match or `*` (any current version). An empty list never matches (only weak or foreign tags were sent).
 */
export type Precondition = readonly number[] | undefined;

/** Refuses the change when the record is no longer at a version the client saw: 412, nothing changed. */
export function checkVersion(version: number, expected: Precondition): void {
  if (expected === undefined || expected.includes(version)) return;
  throw new AppError('precondition-failed', msg('problem.changed_by_other', { version }));
}

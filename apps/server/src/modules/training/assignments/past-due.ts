import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';

/**
 * The day that stands for "some day already past" in training_open_due. Rows of days before today are folded into
 * it: a day that is past stays past, so the sum over `due_on < today` is the same, and the completion roll-up reads
 * one row per unit and course for the past instead of one per past day (76,000 rows at group size before folding).
 */
export const PAST_DAY = '2000-01-01';

/**
 * Folds the open-by-due-date roll-up's past days into PAST_DAY and drops empty rows. Run by the hourly training pass.
 * The statement triggers keep adding rows for past days (an assignment due last week passed today subtracts from its
 * own day); the next fold takes them in, and every sum stays exact in between.
 */
export async function foldPastDue(db: Db, today: string): Promise<number> {
  const [r] = await queryRows<{ folded: number }>(
    db,
    sql`WITH moved AS (
          DELETE FROM training_open_due WHERE due_on < ${today}::date AND due_on <> ${PAST_DAY}::date
          RETURNING course_id, unit_id, open
        ), added AS (
          INSERT INTO training_open_due AS d (course_id, unit_id, due_on, open)
          SELECT course_id, unit_id, ${PAST_DAY}::date, sum(open)::int FROM moved GROUP BY course_id, unit_id
          ON CONFLICT (unit_id, due_on, course_id) DO UPDATE SET open = d.open + excluded.open
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM moved)::int AS folded`,
  );
  await db.execute(sql`DELETE FROM training_open_due WHERE open = 0`);
  return Number(r?.folded ?? 0);
}

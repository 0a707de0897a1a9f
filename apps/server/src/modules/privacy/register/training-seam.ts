import type { Db } from '../../../db/client';

/**
 * THE SEAM to the training domain (issue #14: handlers must have passed the personal-data course "where the
 * education module exists"). The training domain lives on another branch; at merge, the lead replaces the body
 * with a call to `hasPassedCourseCategory(db, personId, 'personal_data')` from modules/training/service.ts:
 *
 *   const passed = await Promise.all(ids.map((id) => hasPassedCourseCategory(db, id, 'personal_data')));
 *   return new Map(ids.map((id, i) => [id, passed[i]!]));
 *
 * Until then every handler's status is `null` (unknown): the register accepts them and shows "not known".
 * A `false` refuses the handler when an entry is saved (register/rules.ts).
 */
export async function personalDataCoursePassed(_db: Db, personIds: readonly string[]): Promise<Map<string, boolean | null>> {
  return new Map(personIds.map((id) => [id, null]));
}

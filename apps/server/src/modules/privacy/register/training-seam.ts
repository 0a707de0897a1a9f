import type { Db } from '../../../db/client';
import { courseCategoryStatus } from '../../training/service';

/**
 * Whether each handler has passed the personal-data course (issue #14: handlers are trained before they start),
 * from the training domain: true with a valid pass, false when the course was assigned and is not passed (the
 * register refuses such a handler: register/rules.ts), null when it was never assigned ("not known").
 */
export function personalDataCoursePassed(db: Db, personIds: readonly string[]): Promise<Map<string, boolean | null>> {
  return courseCategoryStatus(db, personIds, 'personal_data');
}

import type { Db } from '../../../db/client';
import { courseCategoryStatus } from '../../training/service';

/**
 * Whether each handler has passed the personal-data course (issue #14: handlers are trained before they start),
 * from the training domain: true with a valid pass, false when the course was assigned and is not (or no longer)
 * passed, null when it was never assigned. The register records a new handler only on true (register/rules.ts).
 */
export function personalDataCoursePassed(db: Db, personIds: readonly string[]): Promise<Map<string, boolean | null>> {
  return courseCategoryStatus(db, personIds, 'personal_data');
}

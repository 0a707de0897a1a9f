import { z } from 'zod';
import type { Db } from '../../db/client';
import { fieldError, type FieldError } from '../../platform/errors/app-error';
import { defineSetting, effectiveSetting } from '../../platform/settings/effective';
import { coursePassed } from '../training/service';

/**
 * The course behind the internal-auditor qualification (社内資格認定): its code in the training catalogue, and
 * whether every qualification needs it (`requiredForAll`) or only those recorded as coming from training.
 */
export const auditorCourseSetting = defineSetting(
  'audits.auditorCourse',
  z.object({ courseCode: z.string().trim().min(1).max(40).nullable(), requiredForAll: z.boolean() }).strict(),
  () => ({ courseCode: 'AUDITOR-INTERNAL', requiredForAll: false }),
);

/**
 * Why this person may not be qualified (yet): a qualification from training, or any one when the setting says so,
 * needs a valid pass of the auditor course, read from the training domain. Empty when nothing is missing.
 */
export async function courseQualificationErrors(db: Db, personId: string, source: 'manual' | 'training'): Promise<FieldError[]> {
  const { courseCode, requiredForAll } = (await effectiveSetting(db, auditorCourseSetting)).value;
  if (source !== 'training' && !requiredForAll) return [];
  const path = source === 'training' ? 'body.qualificationSource' : 'body.personId';
  if (!courseCode) return source === 'training' ? [fieldError(path, 'audits.no_auditor_course')] : [];
  if (await coursePassed(db, personId, courseCode)) return [];
  return [fieldError(path, 'audits.course_not_passed', { course: courseCode })];
}

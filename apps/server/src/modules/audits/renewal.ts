import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { systemActor } from '../../platform/audit/record';
import { defineJob } from '../../platform/jobs/define';
import { effectiveSetting } from '../../platform/settings/effective';
import { inTransaction } from '../../platform/tx';
import { latestCoursePasses } from '../training/service';
import { auditorCourseSetting } from './qualification';
import { internalAuditors } from './tables';

/** A pass of a course without a validity of its own keeps the qualification this long after the pass. */
export const YEARS_WITHOUT_COURSE_EXPIRY = 3;

const yearsAfter = (day: string, years: number) =>
  `${Number(day.slice(0, 4)) + years}${day.slice(4)}`.replace(/-02-29$/, '-02-28');

/**
 * Renews qualifications that come from training (`qualification_source = 'training'`) when their holder has passed
 * the auditor course again: `expires_on` moves to the new pass's expiry (or three years after it, for a course with no
 * validity) when that is later. Manual qualifications are the office's and are never touched. Audits reads the
 * training domain (training/service.ts), never the other way round, so the renewal runs here, as a job; it is safe to
 * run twice (a renewed row no longer qualifies) and locks the rows it changes, so it never crosses an office's edit.
 */
export async function runQualificationRenewal(db: Db): Promise<{ renewed: number }> {
  const { courseCode } = (await effectiveSetting(db, auditorCourseSetting)).value;
  if (!courseCode) return { renewed: 0 };
  return inTransaction({ db, actor: systemActor('audits.qualification-renewal'), principal: null }, async (tx, audit) => {
    const rows = await tx
      .select()
      .from(internalAuditors)
      .where(eq(internalAuditors.qualificationSource, 'training'))
      .for('update', { skipLocked: true });
    const passes = await latestCoursePasses(
      tx,
      courseCode,
      rows.map((r) => r.personId),
    );
    const renewals = rows.flatMap((r) => {
      const pass = passes.get(r.personId);
      if (!pass) return [];
      const expiresOn = pass.expiresOn ?? yearsAfter(pass.passedOn, YEARS_WITHOUT_COURSE_EXPIRY);
      return expiresOn > r.expiresOn ? [{ row: r, expiresOn, passedOn: pass.passedOn }] : [];
    });
    for (const { row, expiresOn } of renewals)
      await tx
        .update(internalAuditors)
        .set({ expiresOn, updatedAt: new Date() })
        .where(and(eq(internalAuditors.id, row.id), eq(internalAuditors.expiresOn, row.expiresOn)));
    await audit.many(
      renewals.map(({ row, expiresOn, passedOn }) => ({
        action: 'internal_auditor.renew',
        targetType: 'internal_auditor',
        targetId: row.id,
        before: { expiresOn: row.expiresOn },
        after: { expiresOn, course: courseCode, passedOn },
      })),
    );
    return { renewed: renewals.length };
  });
}

export const auditorRenewalJob = defineJob({
  kind: 'audits.qualification-renewal',
  payload: z.object({}),
  async handler(_p, { db, log }) {
    const { renewed } = await runQualificationRenewal(db);
    if (renewed) log.info({ renewed }, 'internal auditor qualifications renewed by a course pass');
  },
});

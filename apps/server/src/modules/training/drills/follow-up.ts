import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import type { Audit } from '../../../platform/tx';
import { defineSetting, effectiveSetting } from '../../../platform/settings/effective';
import { addDays } from '../people';

/**
 * The course a person who clicked a drill link is given, and how many days they have for it. A course code
 * (catalogue: TARGETED-MAIL); null turns the follow-up off. The course must be published for anything to be
 * assigned: until then the follow-ups wait.
 */
export const drillFollowUpSetting = defineSetting(
  'training.drillFollowUp',
  z
    .object({
      courseCode: z.string().trim().min(1).max(40).nullable(),
      dueDays: z.number().int().min(1).max(180),
    })
    .strict(),
  () => ({ courseCode: 'TARGETED-MAIL', dueDays: 30 }),
);

/**
 * Assigns the follow-up course to everyone who clicked a drill link (drill_follow_ups not yet assigned), in three
 * set-based statements inside the caller's transaction: a pass of that course no longer counts (it is expired,
 * the click shows it did not hold), the course is assigned where the person works now (an open assignment keeps
 * its due date), and the follow-ups are stamped. Leavers' follow-ups are stamped without an assignment.
 */
export async function assignDrillFollowUps(tx: Db, audit: Audit, today: string): Promise<number> {
  const { courseCode, dueDays } = (await effectiveSetting(tx, drillFollowUpSetting)).value;
  if (!courseCode) return 0;
  const [course] = await queryRows<{ id: string }>(
    tx,
    sql`SELECT id FROM training_courses WHERE code = ${courseCode} AND published_version IS NOT NULL`,
  );
  if (!course) return 0;
  const pending = await queryRows<{ drill_id: string; person_id: string }>(
    tx,
    sql`SELECT drill_id, person_id FROM drill_follow_ups WHERE assigned_at IS NULL
         ORDER BY created_at LIMIT 5000 FOR UPDATE SKIP LOCKED`,
  );
  if (!pending.length) return 0;
  const persons = `{${[...new Set(pending.map((p) => p.person_id))].join(',')}}`;
  await tx.execute(
    sql`UPDATE training_assignments SET status = 'expired'
         WHERE course_id = ${course.id}::uuid AND status = 'passed' AND person_id = ANY(${persons}::uuid[])`,
  );
  const assigned = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO training_assignments (person_id, course_id, unit_id, unit_path, due_on)
      SELECT p.id, ${course.id}::uuid, p.org_unit_id, u.path, ${addDays(today, dueDays)}::date
        FROM people p JOIN org_units u ON u.id = p.org_unit_id
       WHERE p.id = ANY(${persons}::uuid[]) AND p.status = 'active'
      ON CONFLICT (person_id, course_id) WHERE status <> 'expired' DO NOTHING RETURNING id`,
  );
  await tx.execute(
    sql`UPDATE drill_follow_ups f SET assigned_at = now()
          FROM (SELECT * FROM unnest(${`{${pending.map((p) => p.drill_id).join(',')}}`}::uuid[],
                                     ${`{${pending.map((p) => p.person_id).join(',')}}`}::uuid[]) AS x(drill_id, person_id)) x
         WHERE f.drill_id = x.drill_id AND f.person_id = x.person_id`,
  );
  await audit({
    action: 'training.drill_follow_up',
    targetType: 'training_course',
    targetId: course.id,
    after: { followUps: pending.length, assigned: assigned.length },
  });
  return assigned.length;
}

import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { systemActor } from '../../../platform/audit/record';
import { defineJob } from '../../../platform/jobs/define';
import { inTransaction } from '../../../platform/tx';
import { runAllCurricula } from '../curricula/curricula';
import { assignDrillFollowUps } from '../drills/follow-up';
import { addDays, todayJst } from '../people';
import { pledgeReminderBatch } from '../pledges/reminders';
import { foldPastDue } from './past-due';
import { remindBatch, STAGES, type Cursor } from './reminders';

/**
 * Passed assignments whose validity ended become `expired`, and the course is assigned again (due in 30 days) to
 * the person where they are now, in two set-based statements.
 */
export async function expireAndReassign(tx: Db, today: string): Promise<number> {
  const expired = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE training_assignments SET status = 'expired'
         WHERE status = 'passed' AND expires_on <= ${today}::date RETURNING id`,
  );
  if (!expired.length) return 0;
  const again = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO training_assignments (person_id, course_id, curriculum_id, unit_id, unit_path, due_on)
      SELECT a.person_id, a.course_id, a.curriculum_id, p.org_unit_id, u.path, ${addDays(today, 30)}::date
        FROM training_assignments a JOIN people p ON p.id = a.person_id AND p.status = 'active'
        JOIN org_units u ON u.id = p.org_unit_id
       WHERE a.id = ANY(${`{${expired.map((e) => e.id).join(',')}}`}::uuid[])
      ON CONFLICT (person_id, course_id) WHERE status <> 'expired' DO NOTHING RETURNING id`,
  );
  return again.length;
}

/**
 * The daily training pass: curricula assign newcomers (new hires, new role holders, everyone), expired passes are
 * assigned again, people who clicked a drill link get the follow-up course; then people are told (in the app and by
 * mail) once when a course is due within a week and once when it is overdue, their org heads once a week later, and
 * everyone once per pledge version they have not signed. Each notice is stamped in the transaction that queues it,
 * so overlapping runs send it once.
 */
export async function runTrainingDaily(db: Db, config: Config, now = new Date()) {
  const today = todayJst(now);
  const actor = { db, actor: systemActor('training.daily'), principal: null };
  const counts = { assigned: 0, reassigned: 0, followUps: 0, reminded: 0, overdue: 0, escalated: 0, pledges: 0 };
  await inTransaction(actor, async (tx, audit) => {
    counts.assigned = await runAllCurricula(tx, audit);
    counts.reassigned = await expireAndReassign(tx, today);
    if (counts.reassigned)
      await audit({ action: 'training.reassign', targetType: 'training_assignment', after: { reassigned: counts.reassigned } });
    counts.followUps = await assignDrillFollowUps(tx, audit, today);
  });
  await foldPastDue(db, today);
  const publicUrl = config.publicUrl;
  for (const stage of STAGES) {
    let after: Cursor = null;
    do {
      const batch = await inTransaction(actor, (tx, audit) => remindBatch(tx, audit, { stage, today, now, publicUrl, after }));
      counts[stage === 'remind' ? 'reminded' : stage === 'overdue' ? 'overdue' : 'escalated'] += batch.handled;
      after = batch.next;
    } while (after);
  }
  let person: string | null = null;
  do {
    const batch = await inTransaction(actor, (tx, audit) => pledgeReminderBatch(tx, audit, { publicUrl, after: person }));
    counts.pledges += batch.handled;
    person = batch.next;
  } while (person);
  return counts;
}

export const trainingDailyJob = defineJob({
  kind: 'training.daily',
  payload: z.object({}),
  async handler(_p, { db, config, log }) {
    const counts = await runTrainingDaily(db, config);
    log.info(counts, 'training: assigned, reassigned, drill follow-ups, reminded, overdue, escalated, pledge reminders');
  },
});

import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { roleHoldersOf } from '../../../platform/access/holders';
import { systemActor } from '../../../platform/audit/record';
import { defineJob } from '../../../platform/jobs/define';
import { queueMail } from '../../../platform/mail/outbox';
import { inTransaction } from '../../../platform/tx';
import { runAllCurricula } from '../curricula/curricula';
import { assignDrillFollowUps } from '../drills/follow-up';
import { addDays, todayJst } from '../people';
import { foldPastDue } from './past-due';

const BATCH = 200;
/** Days before the due date a person is reminded; days after it their org head is told. */
export const REMIND_DAYS = 7;
export const ESCALATE_DAYS = 7;

const both = (subjectJa: string, subjectEn: string, ja: string, en: string, url: string) => ({
  subject: `[Mamori] ${subjectJa} / ${subjectEn}`,
  body: [ja, '', url, '', '----', '', en, '', url, ''].join('\n'),
});

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

interface Due {
  id: string;
  due_on: string;
  unit_path: string;
  name_ja: string;
  name_en: string;
  title_ja: string;
  title_en: string;
  email: string | null;
}

/** Open assignments for the reminder (due within REMIND_DAYS) or the escalation (ESCALATE_DAYS past due), locked. */
const pick = (tx: Db, kind: 'remind' | 'escalate', today: string) =>
  queryRows<Due>(
    tx,
    sql`SELECT a.id, a.due_on::text AS due_on, a.unit_path, p.name_ja, p.name_en,
          v.content->>'titleJa' AS title_ja, v.content->>'titleEn' AS title_en,
          coalesce((SELECT us.email FROM users us WHERE us.person_id = p.id AND us.status = 'active' LIMIT 1), p.email) AS email
        FROM training_assignments a
        JOIN people p ON p.id = a.person_id
        JOIN training_courses c ON c.id = a.course_id
        JOIN training_course_versions v ON v.course_id = c.id AND v.version = coalesce(c.published_version, c.latest_version)
       WHERE a.status IN ('assigned', 'in_progress')
         AND ${
           kind === 'remind'
             ? sql`a.due_on <= ${addDays(today, REMIND_DAYS)}::date AND a.due_on >= ${today}::date AND a.reminded_at IS NULL`
             : sql`a.due_on < ${addDays(today, -ESCALATE_DAYS)}::date AND a.escalated_at IS NULL`
         }
       ORDER BY a.due_on, a.id LIMIT ${BATCH}
       FOR UPDATE OF a SKIP LOCKED`,
  );

/**
 * The daily training pass: curricula assign newcomers (new hires, new role holders, everyone), expired passes are
 * assigned again, people who clicked a drill link get the follow-up course, people are reminded once before their due date, and their org head is told once when it is a
 * week past. Each mail is queued with the stamp that prevents a second one, so overlapping runs send it once.
 */
export async function runTrainingDaily(db: Db, config: Config, now = new Date()) {
  const today = todayJst(now);
  const actor = { db, actor: systemActor('training.daily'), principal: null };
  const counts = { assigned: 0, reassigned: 0, followUps: 0, reminded: 0, escalated: 0 };
  await inTransaction(actor, async (tx, audit) => {
    counts.assigned = await runAllCurricula(tx, audit);
    counts.reassigned = await expireAndReassign(tx, today);
    if (counts.reassigned)
      await audit({ action: 'training.reassign', targetType: 'training_assignment', after: { reassigned: counts.reassigned } });
    counts.followUps = await assignDrillFollowUps(tx, audit, today);
  });
  await foldPastDue(db, today);
  for (const kind of ['remind', 'escalate'] as const) {
    for (;;) {
      const n = await inTransaction(actor, async (tx, audit) => {
        const rows = await pick(tx, kind, today);
        for (const r of rows) {
          const url = `${config.publicUrl}/training`;
          if (kind === 'remind') {
            if (r.email)
              await queueMail(tx, {
                to: r.email,
                ...both(
                  '受講期限が近づいています',
                  'Training due soon',
                  `「${r.title_ja}」の受講期限は ${r.due_on} です。期限までに受講してください。`,
                  `"${r.title_en}" is due on ${r.due_on}. Please complete it by then.`,
                  url,
                ),
              });
          } else {
            const heads = await roleHoldersOf(tx, 'org_head', r.unit_path, { nearest: true });
            for (const h of heads)
              await queueMail(tx, {
                to: h.email,
                ...both(
                  '未受講の教育があります',
                  'Training overdue in your unit',
                  `${r.name_ja} さんは「${r.title_ja}」を受講していません(期限 ${r.due_on})。受講を促してください。`,
                  `${r.name_en} has not completed "${r.title_en}" (due ${r.due_on}). Please follow it up.`,
                  `${config.publicUrl}/training/completion`,
                ),
              });
          }
          await tx.execute(
            kind === 'remind'
              ? sql`UPDATE training_assignments SET reminded_at = ${now.toISOString()}::timestamptz WHERE id = ${r.id}::uuid`
              : sql`UPDATE training_assignments SET escalated_at = ${now.toISOString()}::timestamptz WHERE id = ${r.id}::uuid`,
          );
          await audit({
            action: kind === 'remind' ? 'training.remind' : 'training.escalate',
            targetType: 'training_assignment',
            targetId: r.id,
            orgPath: r.unit_path,
            after: { dueOn: r.due_on },
          });
        }
        return rows.length;
      });
      counts[kind === 'remind' ? 'reminded' : 'escalated'] += n;
      if (n < BATCH) break;
    }
  }
  return counts;
}

export const trainingDailyJob = defineJob({
  kind: 'training.daily',
  payload: z.object({}),
  async handler(_p, { db, config, log }) {
    const counts = await runTrainingDaily(db, config);
    log.info(counts, 'training: assigned, reassigned, drill follow-ups, reminded, escalated');
  },
});

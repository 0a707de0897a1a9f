import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { roleHoldersOf } from '../../../platform/access/holders';
import { queueMail } from '../../../platform/mail/outbox';
import { mailDate, mailOf } from '../../../platform/mail/text';
import { notify } from '../../../platform/notifications/notify';
import type { Audit } from '../../../platform/tx';
import { addDays } from '../people';

const BATCH = 200;
/** Days before the due date a person is reminded; days after it their org head is told. */
export const REMIND_DAYS = 7;
export const ESCALATE_DAYS = 7;

/**
 * The three moments an open assignment is told about, each once (its own stamp): `remind` the person in the week
 * before the due date, `overdue` the person once it has passed, `escalate` the nearest org heads of its unit a week
 * later.
 */
export type Stage = 'remind' | 'overdue' | 'escalate';
export const STAGES: readonly Stage[] = ['remind', 'overdue', 'escalate'];

type Name = { ja: string; en: string };

interface Due {
  id: string;
  due_on: string;
  unit_path: string;
  name_ja: string;
  name_en: string;
  title_ja: string;
  title_en: string;
  user_id: string | null;
  email: string | null;
}

/** Where a batch stopped: the next one starts after it, so a long backlog is walked once, not rescanned. */
export type Cursor = { dueOn: string; id: string } | null;

const stamp: Record<Stage, SQL> = {
  remind: sql`reminded_at`,
  overdue: sql`overdue_at`,
  escalate: sql`escalated_at`,
};

function dueFilter(stage: Stage, today: string): SQL {
  if (stage === 'remind')
    return sql`a.due_on <= ${addDays(today, REMIND_DAYS)}::date AND a.due_on >= ${today}::date AND a.reminded_at IS NULL`;
  // an assignment escalated before the overdue stage existed is not told again
  if (stage === 'overdue') return sql`a.due_on < ${today}::date AND a.overdue_at IS NULL AND a.escalated_at IS NULL`;
  return sql`a.due_on < ${addDays(today, -ESCALATE_DAYS)}::date AND a.escalated_at IS NULL`;
}

/** Open assignments at this stage, in due order after the cursor, locked (a second run skips them). */
const pick = (tx: Db, stage: Stage, today: string, after: Cursor) =>
  queryRows<Due>(
    tx,
    sql`SELECT a.id, a.due_on::text AS due_on, a.unit_path, p.name_ja, p.name_en,
          v.content->>'titleJa' AS title_ja, v.content->>'titleEn' AS title_en,
          us.id AS user_id, coalesce(us.email, p.email) AS email
        FROM training_assignments a
        JOIN people p ON p.id = a.person_id
        JOIN training_courses c ON c.id = a.course_id
        JOIN training_course_versions v ON v.course_id = c.id AND v.version = coalesce(c.published_version, c.latest_version)
        LEFT JOIN LATERAL (SELECT u.id, u.email FROM users u WHERE u.person_id = p.id AND u.status = 'active'
                            ORDER BY u.created_at LIMIT 1) us ON true
       WHERE a.status IN ('assigned', 'in_progress') AND ${dueFilter(stage, today)}
         ${after ? sql`AND (a.due_on, a.id) > (${after.dueOn}::date, ${after.id}::uuid)` : sql``}
       ORDER BY a.due_on, a.id LIMIT ${BATCH}
       FOR UPDATE OF a SKIP LOCKED`,
  );

/** A mail in both languages; the outbox sends each recipient theirs. */
const both = (subjectJa: string, subjectEn: string, ja: string[], en: string[], url: string) =>
  mailOf({ ja: subjectJa, en: subjectEn }, { ja, en }, url);

/** The person's own notice: in the bell and by mail, with a link to the course. */
async function tellPerson(tx: Db, publicUrl: string, stage: 'remind' | 'overdue', r: Due) {
  const link = `/training/assignments/${r.id}`;
  const course: Name = { ja: r.title_ja, en: r.title_en };
  if (r.email)
    await queueMail(tx, {
      to: r.email,
      ...(stage === 'remind'
        ? both(
            '受講期限が近づいています',
            'Training due soon',
            [`「${r.title_ja}」の受講期限は ${mailDate(r.due_on, 'ja')} です。期限までに受講してください。`],
            [`"${r.title_en}" is due on ${mailDate(r.due_on, 'en')}. Please complete it by then.`],
            publicUrl + link,
          )
        : both(
            '受講期限を過ぎています',
            'Training overdue',
            [`「${r.title_ja}」の受講期限(${mailDate(r.due_on, 'ja')})を過ぎています。すぐに受講してください。`],
            [`"${r.title_en}" was due on ${mailDate(r.due_on, 'en')}. Please complete it now.`],
            publicUrl + link,
          )),
    });
  if (r.user_id)
    await notify(tx, {
      to: [r.user_id],
      kind: stage === 'remind' ? 'training.due-soon' : 'training.overdue',
      params: { course, dueOn: r.due_on },
      link,
    });
}

/**
 * The org heads' notice: the nearest heads of each assignment's unit, one mail and one notification per head for the
 * whole batch (a head of a department with forty late people is told once, with the list), not one per assignment.
 */
async function tellHeads(tx: Db, publicUrl: string, rows: Due[]) {
  const byHead = new Map<string, { head: { id: string; email: string }; rows: Due[] }>();
  for (const r of rows)
    for (const h of await roleHoldersOf(tx, 'org_head', r.unit_path, { nearest: true })) {
      const entry = byHead.get(h.id) ?? { head: h, rows: [] };
      entry.rows.push(r);
      byHead.set(h.id, entry);
    }
  const link = '/training/completion';
  for (const { head, rows: late } of byHead.values()) {
    const first = late[0]!;
    const list = (lang: 'ja' | 'en') =>
      late
        .slice(0, 30)
        .map((r) =>
          lang === 'ja'
            ? `- ${r.name_ja} 「${r.title_ja}」(期限 ${mailDate(r.due_on, 'ja')})`
            : `- ${r.name_en}: "${r.title_en}" (due ${mailDate(r.due_on, 'en')})`,
        );
    await queueMail(tx, {
      to: head.email,
      ...both(
        '未受講の教育があります',
        'Training overdue in your unit',
        [`次の方が期限を 1 週間以上過ぎても受講していません(${late.length} 件)。受講を促してください。`, ...list('ja')],
        [
          `These people are more than a week past the due date of their training (${late.length} in all). Please follow it up.`,
          ...list('en'),
        ],
        publicUrl + link,
      ),
    });
    await notify(tx, {
      to: [head],
      kind: 'training.overdue-escalated',
      params: {
        count: late.length,
        person: { ja: first.name_ja, en: first.name_en },
        course: { ja: first.title_ja, en: first.title_en },
        dueOn: first.due_on,
      },
      link,
    });
  }
}

/**
 * One batch of a stage in the caller's transaction: picks, tells, stamps and audits. Answers the rows handled and the
 * cursor to continue from (null when the stage is done).
 */
export async function remindBatch(
  tx: Db,
  audit: Audit,
  opts: { stage: Stage; today: string; now: Date; publicUrl: string; after: Cursor },
): Promise<{ handled: number; next: Cursor }> {
  const { stage, today, now, publicUrl } = opts;
  const rows = await pick(tx, stage, today, opts.after);
  if (!rows.length) return { handled: 0, next: null };
  if (stage === 'escalate') await tellHeads(tx, publicUrl, rows);
  else for (const r of rows) await tellPerson(tx, publicUrl, stage, r);
  await tx.execute(sql`UPDATE training_assignments SET ${stamp[stage]} = ${now.toISOString()}::timestamptz
    WHERE id = ANY(${`{${rows.map((r) => r.id).join(',')}}`}::uuid[])`);
  await audit.many(
    rows.map((r) => ({
      action: `training.${stage}`,
      targetType: 'training_assignment',
      targetId: r.id,
      orgPath: r.unit_path,
      after: { dueOn: r.due_on },
    })),
  );
  const last = rows[rows.length - 1]!;
  return { handled: rows.length, next: rows.length < BATCH ? null : { dueOn: last.due_on, id: last.id } };
}

import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { roleHoldersOf } from '../../../platform/access/holders';
import { systemActor } from '../../../platform/audit/record';
import { defineJob } from '../../../platform/jobs/define';
import { queueMail } from '../../../platform/mail/outbox';
import { mailDate, mailOf } from '../../../platform/mail/text';
import { notify } from '../../../platform/notifications/notify';
import { inTransaction } from '../../../platform/tx';
import { todayJst } from './read';
import { reminderRules } from './reminder-setting';

export { planReminderSetting } from './reminder-setting';

const BATCH = 2000;

interface Due {
  id: string;
  due: string;
  unit_id: string;
  unit_path: string;
  site_id: string | null;
  site_path: string | null;
  ja: string;
  en: string;
  uja: string;
  uen: string;
}

const line = (t: Due, lang: 'ja' | 'en') =>
  lang === 'ja' ? `・${t.uja}: ${t.ja}(期限 ${mailDate(t.due, 'ja')})` : `- ${t.uen}: ${t.en} (due ${mailDate(t.due, 'en')})`;

/** One mail in Japanese and English (the outbox sends each recipient theirs), listing the tasks. */
function digest(kind: 'remind' | 'escalate', tasks: Due[], url: string) {
  const head =
    kind === 'remind'
      ? {
          subject: { ja: '年間活動計画:期限の近い活動', en: 'Yearly plan: activities due soon' },
          ja: '次の活動の期限が近づいています。実施して完了を記録してください。',
          en: 'These activities are due soon. Please carry them out and record them done.',
        }
      : {
          subject: { ja: '年間活動計画:期限を過ぎた活動', en: 'Yearly plan: activities overdue' },
          ja: '次の組織の活動が期限を過ぎても完了していません。状況を確認してください。',
          en: 'These units have not completed activities past their due date. Please follow them up.',
        };
  const shown = tasks.slice(0, 50);
  const more = tasks.length - shown.length;
  return mailOf(
    head.subject,
    {
      ja: [head.ja, '', ...shown.map((t) => line(t, 'ja')), ...(more > 0 ? [`ほか ${more} 件`] : [])],
      en: [head.en, '', ...shown.map((t) => line(t, 'en')), ...(more > 0 ? [`and ${more} more`] : [])],
    },
    url,
  );
}

/**
 * One pass: open tasks due within the company's `remindDaysBefore` remind their assignees (one digest mail per
 * person), and open tasks more than `escalateAfterDays` past due are escalated to the site office of their site (the
 * security office for units above every site). Rows are claimed FOR UPDATE SKIP LOCKED and stamped in the same
 * transaction as the mails, so overlapping runs send each once. Each task follows the rule of its nearest company
 * (`plans.reminders`, read once per run). Each person also gets one in-app notification per run naming the first task
 * and how many there are.
 */
export async function runPlanReminders(db: Db, config: Config, now = new Date()) {
  const today = todayJst(now);
  const rules = await reminderRules(db, today);
  const counts = { reminded: 0, escalated: 0 };
  for (const kind of ['remind', 'escalate'] as const) {
    for (;;) {
      const n = await inTransaction({ db, actor: systemActor('plans.reminders'), principal: null }, async (tx, audit) => {
        const cond =
          kind === 'remind'
            ? sql`t.reminded_at IS NULL AND t.due_date >= ${today} AND t.due_date <= ${rules.widest(kind)}
                AND t.due_date <= ${rules.limit(kind, sql`t.unit_path`)}`
            : sql`t.escalated_at IS NULL AND t.due_date < ${rules.widest(kind)} AND t.due_date < ${rules.limit(kind, sql`t.unit_path`)}`;
        const tasks = await queryRows<Due>(
          tx,
          sql`SELECT t.id, to_char(t.due_date, 'YYYY-MM-DD') AS due, t.unit_id, t.unit_path, t.site_id, s.path AS site_path,
              a.title_ja AS ja, a.title_en AS en, u.name_ja AS uja, u.name_en AS uen
            FROM plan_tasks t JOIN plan_activities a ON a.id = t.activity_id JOIN org_units u ON u.id = t.unit_id
            LEFT JOIN org_units s ON s.id = t.site_id
            WHERE t.status = 'open' AND ${cond}
            ORDER BY t.due_date, t.id LIMIT ${BATCH} FOR UPDATE OF t SKIP LOCKED`,
        );
        if (!tasks.length) return 0;
        const ids = tasks.map((t) => t.id);
        const to = new Map<string, { userId: string; tasks: Due[] }>();
        const add = (email: string, userId: string, t: Due) =>
          to.set(email, { userId, tasks: [...(to.get(email)?.tasks ?? []), t] });
        if (kind === 'remind') {
          const people = await queryRows<{ task_id: string; user_id: string; email: string }>(
            tx,
            sql`SELECT pa.task_id, us.id::text AS user_id, us.email FROM plan_task_assignees pa JOIN users us ON us.id = pa.user_id
              WHERE pa.task_id IN (${sql.join(
                ids.map((i) => sql`${i}`),
                sql`, `,
              )}) AND us.status = 'active'`,
          );
          const byId = new Map(tasks.map((t) => [t.id, t]));
          for (const p of people) add(p.email, p.user_id, byId.get(p.task_id)!);
        } else {
          const bySite = new Map<string, Due[]>();
          for (const t of tasks) bySite.set(t.site_path ?? '', [...(bySite.get(t.site_path ?? '') ?? []), t]);
          for (const [sitePath, list] of bySite) {
            const holders = sitePath
              ? await roleHoldersOf(tx, 'site_security_office', sitePath, { nearest: true })
              : await roleHoldersOf(tx, 'security_office', list[0]!.unit_path);
            for (const h of holders) for (const t of list) add(h.email, h.id, t);
          }
        }
        for (const [email, { userId, tasks: list }] of to) {
          await queueMail(tx, { to: email, ...digest(kind, list, `${config.publicUrl}/plan-tasks`) });
          const first = list[0]!;
          await notify(tx, {
            to: [userId],
            kind: kind === 'remind' ? 'plan-task.due-soon' : 'plan-task.overdue-escalated',
            params: {
              activity: { ja: first.ja, en: first.en },
              unit: { ja: first.uja, en: first.uen },
              dueOn: first.due,
              count: list.length,
            },
            link: kind === 'remind' ? '/plan-tasks' : '/plan-progress',
          });
        }
        await tx.execute(
          kind === 'remind'
            ? sql`UPDATE plan_tasks SET reminded_at = ${now} WHERE id IN (${sql.join(
                ids.map((i) => sql`${i}`),
                sql`, `,
              )})`
            : sql`UPDATE plan_tasks SET escalated_at = ${now} WHERE id IN (${sql.join(
                ids.map((i) => sql`${i}`),
                sql`, `,
              )})`,
        );
        await audit({
          action: kind === 'remind' ? 'plan_task.remind' : 'plan_task.escalate',
          targetType: 'plan_task',
          targetId: null,
          orgPath: null,
          after: { tasks: ids.length, mails: to.size },
        });
        return tasks.length;
      });
      counts[kind === 'remind' ? 'reminded' : 'escalated'] += n;
      if (n < BATCH) break;
    }
  }
  return counts;
}

export const planRemindersJob = defineJob({
  kind: 'plans.reminders',
  payload: z.object({}),
  async handler(_p, { db, config, log }) {
    const counts = await runPlanReminders(db, config);
    if (counts.reminded || counts.escalated) log.info(counts, 'plan tasks reminded and escalated');
  },
});

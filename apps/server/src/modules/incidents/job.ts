import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { holdersOf } from '../../platform/access/holders';
import { systemActor } from '../../platform/audit/record';
import { defineJob } from '../../platform/jobs/define';
import { queueMail } from '../../platform/mail/outbox';
import { notify } from '../../platform/notifications/notify';
import { inTransaction } from '../../platform/tx';
import { ruleById } from './catalog';
import { incidentMails } from './mails';
import { addEntry } from './timeline';

interface Due {
  id: string;
  incident_id: string;
  rule_id: string;
  customer: string;
  due_at: Date | string;
  number: string;
  path: string;
}

const BATCH = 200;

/**
 * Claims up to BATCH running clocks that reached their warning (or due) time and were not yet
 * reminded (or escalated), stamping them in the same statement: a clock is claimed once, however many
 * runs or processes overlap, and its mails commit with the stamp.
 */
async function claim(tx: Db, kind: 'remind' | 'escalate', now: Date): Promise<Due[]> {
  const [timeCol, stampCol] = kind === 'remind' ? [sql`warn_at`, sql`last_reminded_at`] : [sql`due_at`, sql`escalated_at`];
  return queryRows<Due>(
    tx,
    sql`WITH due AS (
          SELECT d.id FROM incident_deadlines d
          WHERE d.met_at IS NULL AND d.waived_at IS NULL AND d.obsolete_at IS NULL
            AND d.${timeCol} <= ${now.toISOString()} AND d.${stampCol} IS NULL
          ORDER BY d.${timeCol} LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        UPDATE incident_deadlines d SET ${stampCol} = ${now.toISOString()}
        FROM due, incidents i, org_units u
        WHERE d.id = due.id AND i.id = d.incident_id AND u.id = i.org_unit_id AND i.status <> 'closed'
        RETURNING d.id, d.incident_id, d.rule_id, d.customer, d.due_at, i.number, u.path`,
  );
}

/** One pass: reminders at warnAt to the case handlers; at dueAt an escalation that also reaches incidents:read (CISO). */
export async function runDeadlineReminders(
  db: Db,
  config: Config,
  now = new Date(),
): Promise<{ reminded: number; escalated: number }> {
  const counts = { reminded: 0, escalated: 0 };
  for (const kind of ['escalate', 'remind'] as const) {
    for (;;) {
      const n = await inTransaction({ db, actor: systemActor('incidents.deadlines'), principal: null }, async (tx, audit) => {
        const rows = await claim(tx, kind, now);
        for (const d of rows) {
          const rule = ruleById(d.rule_id);
          const title = { ja: rule?.titleJa ?? d.rule_id, en: rule?.titleEn ?? d.rule_id };
          if (d.customer) Object.assign(title, { ja: `${title.ja}(${d.customer})`, en: `${title.en} (${d.customer})` });
          const dueAt = new Date(d.due_at);
          const url = `${config.publicUrl}/incidents/${d.incident_id}`;
          const mail =
            kind === 'remind'
              ? incidentMails.reminder(d.number, title, dueAt, url)
              : incidentMails.overdue(d.number, title, dueAt, url);
          const to = await holdersOf(tx, kind === 'remind' ? 'incidents:manage' : 'incidents:read', d.path);
          for (const email of new Set(to.map((u) => u.email))) await queueMail(tx, { to: email, ...mail });
          await notify(tx, {
            to,
            kind: kind === 'remind' ? 'incident.deadline-reminder' : 'incident.deadline-overdue',
            params: { number: d.number, rule: title, dueAt: { at: dueAt.toISOString() } },
            link: `/incidents/${d.incident_id}`,
          });
          await addEntry(tx, d.incident_id, null, {
            kind: 'deadline',
            text: `${kind === 'remind' ? 'reminder' : 'overdue escalation'} sent for ${title.en} (${to.length} recipients)`,
            data: { deadlineId: d.id, kind },
          });
        }
        await audit.many(
          rows.map((d) => ({
            action: kind === 'remind' ? 'incident.deadline.remind' : 'incident.deadline.escalate',
            targetType: 'incident',
            targetId: d.incident_id,
            orgPath: d.path,
            after: { deadlineId: d.id, ruleId: d.rule_id },
          })),
        );
        return rows.length;
      });
      counts[kind === 'remind' ? 'reminded' : 'escalated'] += n;
      if (n < BATCH) break;
    }
  }
  return counts;
}

export const incidentDeadlinesJob = defineJob({
  kind: 'incidents.deadlines',
  payload: z.object({}),
  async handler(_p, { db, config, log }) {
    const counts = await runDeadlineReminders(db, config);
    if (counts.reminded || counts.escalated) log.info(counts, 'incident deadline reminders sent');
  },
});

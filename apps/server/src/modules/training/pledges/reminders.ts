import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { queueMail } from '../../../platform/mail/outbox';
import { mailOf } from '../../../platform/mail/text';
import { notify } from '../../../platform/notifications/notify';
import type { Audit } from '../../../platform/tx';

const BATCH = 200;

interface ToSign {
  person_id: string;
  pledge_id: string;
  version: number;
  title_ja: string;
  title_en: string;
  user_id: string;
  email: string;
  fresh: boolean;
}

/**
 * People with an account who have not signed the current version of their pledge (a new version asks everyone
 * again) and were not asked for that version yet, in person order after `after`. The reminder row is written in the
 * same statement (ON CONFLICT DO NOTHING), so of two runs at once only one tells each person (`fresh`).
 */
const pickAndStamp = (tx: Db, after: string | null) =>
  queryRows<ToSign>(
    tx,
    sql`WITH cur AS (
          SELECT DISTINCT ON (audience) id, audience, version, title_ja, title_en
            FROM pledge_documents ORDER BY audience, version DESC),
        picked AS (
          SELECT p.id AS person_id, cur.id AS pledge_id, cur.version, cur.title_ja, cur.title_en, us.id AS user_id, us.email
            FROM people p
            JOIN cur ON cur.audience = CASE p.kind WHEN 'temporary' THEN 'temporary' WHEN 'contractor' THEN 'partner_staff'
                                                   ELSE 'employee' END
            JOIN LATERAL (SELECT u.id, u.email FROM users u WHERE u.person_id = p.id AND u.status = 'active'
                           ORDER BY u.created_at LIMIT 1) us ON true
           WHERE p.status = 'active' ${after ? sql`AND p.id > ${after}::uuid` : sql``}
             AND NOT EXISTS (SELECT 1 FROM pledge_signatures s WHERE s.person_id = p.id AND s.pledge_id = cur.id)
             AND NOT EXISTS (SELECT 1 FROM pledge_reminders r WHERE r.person_id = p.id AND r.pledge_id = cur.id)
           ORDER BY p.id LIMIT ${BATCH}),
        stamped AS (
          INSERT INTO pledge_reminders (person_id, pledge_id) SELECT person_id, pledge_id FROM picked
          ON CONFLICT DO NOTHING RETURNING person_id)
      SELECT picked.*, stamped.person_id IS NOT NULL AS fresh
        FROM picked LEFT JOIN stamped ON stamped.person_id = picked.person_id
       ORDER BY picked.person_id`,
  );

/**
 * One batch of pledge reminders in the caller's transaction: each person asked once per version, in the bell and by
 * mail (ja + en). Answers the people told and the person id to continue after (null when done).
 */
export async function pledgeReminderBatch(
  tx: Db,
  audit: Audit,
  opts: { publicUrl: string; after: string | null },
): Promise<{ handled: number; next: string | null }> {
  const rows = await pickAndStamp(tx, opts.after);
  const fresh = rows.filter((r) => r.fresh);
  const link = '/training/pledges';
  const byPledge = new Map<string, ToSign[]>();
  for (const r of fresh) byPledge.set(r.pledge_id, [...(byPledge.get(r.pledge_id) ?? []), r]);
  for (const group of byPledge.values()) {
    const { title_ja, title_en, version } = group[0]!;
    for (const r of group)
      await queueMail(tx, {
        to: r.email,
        ...mailOf(
          { ja: '誓約書への署名のお願い', en: 'Confidentiality pledge to sign' },
          {
            ja: [`「${title_ja}」第 ${version} 版を読んで署名してください。`],
            en: [`Please read and sign version ${version} of "${title_en}".`],
          },
          opts.publicUrl + link,
        ),
      });
    await notify(tx, {
      to: group.map((r) => r.user_id),
      kind: 'pledge.to-sign',
      params: { title: { ja: title_ja, en: title_en }, version },
      link,
    });
    await audit({
      action: 'training.pledge.remind',
      targetType: 'pledge',
      targetId: group[0]!.pledge_id,
      after: { version, people: group.length },
    });
  }
  return { handled: fresh.length, next: rows.length < BATCH ? null : rows[rows.length - 1]!.person_id };
}

import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { holdersOf } from '../../../platform/access/holders';
import { systemActor } from '../../../platform/audit/record';
import { defineJob } from '../../../platform/jobs/define';
import { queueMail, type Mail } from '../../../platform/mail/outbox';
import { mailOf, mailTime, type MailLocale } from '../../../platform/mail/text';
import { notify } from '../../../platform/notifications/notify';
import { inTransaction } from '../../../platform/tx';
import { productsByIds } from '../../products/service';
import { vulnerabilityProducts } from '../tables';
import { stageTitle } from './clocks';

interface Due {
  id: string;
  vulnerability_id: string;
  rule_id: string;
  product_id: string | null;
  due_at: Date | string;
  number: number;
}

const BATCH = 200;

/**
 * Claims up to BATCH CRA stages not submitted that reached their warning (or due) time and were not yet reminded
 * (or escalated), stamping them in the same statement: each is claimed once however many runs overlap.
 */
function claim(tx: Db, kind: 'remind' | 'escalate', now: Date): Promise<Due[]> {
  const [timeCol, stampCol] = kind === 'remind' ? [sql`warn_at`, sql`reminded_at`] : [sql`due_at`, sql`escalated_at`];
  // No "due soon" for a stage already overdue: its escalation says more.
  const stillAhead = kind === 'remind' ? sql`AND c.due_at > ${now.toISOString()}` : sql``;
  return queryRows<Due>(
    tx,
    sql`WITH due AS (
          SELECT c.id FROM vulnerability_cra_clocks c
          WHERE c.submitted_at IS NULL AND c.${timeCol} IS NOT NULL
            AND c.${timeCol} <= ${now.toISOString()} AND c.${stampCol} IS NULL ${stillAhead}
          ORDER BY c.${timeCol} LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        UPDATE vulnerability_cra_clocks c SET ${stampCol} = ${now.toISOString()}
        FROM due, vulnerabilities v
        WHERE c.id = due.id AND v.id = c.vulnerability_id
        RETURNING c.id, c.vulnerability_id, c.rule_id, c.product_id, c.due_at, v.number`,
  );
}

/**
 * The mail in Japanese and English (the outbox sends each recipient theirs, the due time in their time zone); the
 * case number and a link only (the case stays behind sign-in, reads logged).
 */
export function craMail(
  kind: 'remind' | 'escalate',
  number: number,
  stage: { ja: string; en: string },
  dueAt: Date,
  url: string,
  product?: { ja: string; en: string },
) {
  const forJa = product ? `${product.ja} の` : '';
  const forEn = product ? ` for ${product.en}` : '';
  const remind = kind === 'remind';
  return mailOf(
    remind
      ? { ja: `CRA報告の期限が近づいています 脆弱性 #${number}`, en: `CRA report due soon: vulnerability #${number}` }
      : { ja: `CRA報告の期限超過 脆弱性 #${number}`, en: `CRA report overdue: vulnerability #${number}` },
    (l: MailLocale) => {
      const due = mailTime(dueAt, l);
      if (l.language === 'ja')
        return [
          remind
            ? `${forJa}「${stage.ja}」の期限は ${due} です。提出したら、日時・提出先・受付番号を記録してください。`
            : `${forJa}「${stage.ja}」の期限(${due})を過ぎています。至急提出してください。`,
        ];
      return [
        remind
          ? `"${stage.en}"${forEn} is due ${due}. Once submitted, record when, to whom and the reference.`
          : `"${stage.en}"${forEn} was due ${due} and is overdue. Please submit it now.`,
      ];
    },
    url,
  ) satisfies Omit<Mail, 'to'>;
}

/**
 * Who hears of a stage: holders of the action over the clock's product (a case-wide clock: over any of the case's
 * products; group-wide holders always). Users, for the mail and the in-app notification.
 */
async function recipientsOf(tx: Db, d: Due, kind: 'remind' | 'escalate') {
  const productIds = d.product_id
    ? [d.product_id]
    : (
        await tx
          .select({ productId: vulnerabilityProducts.productId })
          .from(vulnerabilityProducts)
          .where(eq(vulnerabilityProducts.vulnerabilityId, d.vulnerability_id))
      ).map((l) => l.productId);
  const paths = (await productsByIds(tx, productIds)).map((p) => p.orgPath);
  const actions =
    kind === 'remind' ? (['vulnerabilities:report'] as const) : (['vulnerabilities:report', 'vulnerabilities:read'] as const);
  const users = new Map<string, { id: string; email: string }>();
  for (const action of actions)
    for (const path of paths.length ? paths : [null]) for (const u of await holdersOf(tx, action, path)) users.set(u.id, u);
  return [...users.values()];
}

/**
 * One pass: a reminder at a stage's warning time to the PSIRT (vulnerabilities:report); at its due time an
 * escalation that also reaches vulnerabilities:read (the CISO). Each is sent once, by mail and in the app, and audited.
 */
export async function runCraReminders(db: Db, config: Config, now = new Date()) {
  const counts = { reminded: 0, escalated: 0 };
  for (const kind of ['escalate', 'remind'] as const) {
    for (;;) {
      const n = await inTransaction({ db, actor: systemActor('vulnerabilities.cra'), principal: null }, async (tx, audit) => {
        const rows = await claim(tx, kind, now);
        const names = new Map(
          (await productsByIds(tx, [...new Set(rows.flatMap((d) => (d.product_id ? [d.product_id] : [])))])).map((p) => [
            p.id,
            { ja: `${p.nameJa} (${p.code})`, en: `${p.nameEn} (${p.code})` },
          ]),
        );
        for (const d of rows) {
          const product = d.product_id ? names.get(d.product_id) : undefined;
          const stage = stageTitle(d.rule_id);
          const dueAt = new Date(d.due_at);
          const mail = craMail(
            kind,
            d.number,
            stage,
            dueAt,
            `${config.publicUrl}/vulnerabilities/${d.vulnerability_id}`,
            product,
          );
          const to = await recipientsOf(tx, d, kind);
          for (const email of new Set(to.map((u) => u.email))) await queueMail(tx, { to: email, ...mail });
          await notify(tx, {
            to,
            kind: kind === 'remind' ? 'vulnerability.cra-reminder' : 'vulnerability.cra-overdue',
            params: { number: d.number, stage, product: product ?? '—', dueAt: { at: dueAt.toISOString() } },
            link: `/vulnerabilities/${d.vulnerability_id}`,
          });
        }
        await audit.many(
          rows.map((d) => ({
            action: kind === 'remind' ? 'vulnerability.cra.remind' : 'vulnerability.cra.escalate',
            targetType: 'vulnerability',
            targetId: d.vulnerability_id,
            after: { clockId: d.id, ruleId: d.rule_id, productId: d.product_id },
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

export const craRemindersJob = defineJob({
  kind: 'vulnerabilities.cra-reminders',
  payload: z.object({}),
  async handler(_p, { db, config, log }) {
    const counts = await runCraReminders(db, config);
    if (counts.reminded || counts.escalated) log.info(counts, 'CRA reporting reminders sent');
  },
});

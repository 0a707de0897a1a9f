import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { holdersOf, nearestHoldersOf } from '../../platform/access/holders';
import { systemActor } from '../../platform/audit/record';
import { defineJob } from '../../platform/jobs/define';
import { queueMail } from '../../platform/mail/outbox';
import { mailDate, mailOf } from '../../platform/mail/text';
import { inTransaction } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { todayTokyo } from './auditors';
import { auditFindings } from './tables';

const BATCH = 200;

const TYPE = {
  major: { ja: '重大な不適合', en: 'major nonconformity' },
  minor: { ja: '軽微な不適合', en: 'minor nonconformity' },
} as const;

/** The escalation mail in Japanese and English: the outbox sends each recipient theirs (both when nothing decides it). */
export function overdueMail(
  f: { id: string; number: number; type: 'major' | 'minor'; state: string; dueDate: string },
  unit: { ja: string; en: string },
  url: string,
) {
  const answered = f.state === 'answered';
  const ja = answered
    ? `${unit.ja} の内部監査指摘 ${f.number}(${TYPE[f.type].ja})の是正処置が期限(${mailDate(f.dueDate, 'ja')})を過ぎても完了していません。`
    : `${unit.ja} の内部監査指摘 ${f.number}(${TYPE[f.type].ja})への是正処置の回答が期限(${mailDate(f.dueDate, 'ja')})を過ぎています。`;
  const en = answered
    ? `The corrective action for internal audit finding ${f.number} of ${unit.en} (${TYPE[f.type].en}) was due on ${mailDate(f.dueDate, 'en')} and is not complete.`
    : `The answer to internal audit finding ${f.number} of ${unit.en} (${TYPE[f.type].en}) was due on ${mailDate(f.dueDate, 'en')} and has not been given.`;
  return mailOf(
    { ja: '内部監査の是正処置が期限超過', en: 'Internal audit corrective action overdue' },
    { ja: [ja, '対応状況を確認してください。'], en: [en, 'Please follow it up.'] },
    url,
  );
}

/**
 * One pass over nonconformities past their due date (answer or action): the unit's nearest answerers (org head,
 * promotion leader) and the offices that run the unit's audits are mailed once per due date. Rows are claimed with
 * FOR UPDATE SKIP LOCKED and stamped in the transaction of their mails, so overlapping runs send each once.
 */
export async function runFindingEscalation(db: Db, config: Config, now = new Date()) {
  const today = todayTokyo(now);
  let escalated = 0;
  for (;;) {
    const n = await inTransaction({ db, actor: systemActor('audits.overdue'), principal: null }, async (tx, audit) => {
      const rows = await tx
        .select({ f: auditFindings, unitJa: orgUnits.nameJa, unitEn: orgUnits.nameEn })
        .from(auditFindings)
        .innerJoin(orgUnits, eq(orgUnits.id, auditFindings.unitId))
        .where(
          and(
            inArray(auditFindings.state, ['open', 'answered']),
            lt(auditFindings.dueDate, today),
            isNull(auditFindings.escalatedAt),
          ),
        )
        .orderBy(asc(auditFindings.dueDate), asc(auditFindings.id))
        .limit(BATCH)
        .for('update', { of: auditFindings, skipLocked: true });
      for (const { f, unitJa, unitEn } of rows) {
        const to = [
          ...(await nearestHoldersOf(tx, 'findings:answer', f.unitPath)),
          ...(await holdersOf(tx, 'audits:manage', f.unitPath)),
        ];
        const mail = overdueMail(
          { id: f.id, number: f.number, type: f.type as 'major' | 'minor', state: f.state, dueDate: f.dueDate! },
          { ja: unitJa, en: unitEn },
          `${config.publicUrl}/audit-findings/${f.id}`,
        );
        for (const email of new Set(to.map((u) => u.email))) await queueMail(tx, { to: email, ...mail });
        await tx.update(auditFindings).set({ escalatedAt: now }).where(eq(auditFindings.id, f.id));
        await audit({
          action: 'audit_finding.escalate',
          targetType: 'audit_finding',
          targetId: f.id,
          orgPath: f.unitPath,
          after: { dueDate: f.dueDate, state: f.state, to: [...new Set(to.map((u) => u.id))] },
        });
      }
      return rows.length;
    });
    escalated += n;
    if (n < BATCH) break;
  }
  return { escalated };
}

export const auditFindingsOverdueJob = defineJob({
  kind: 'audits.findings-overdue',
  payload: z.object({}),
  async handler(_p, { db, config, log }) {
    const { escalated } = await runFindingEscalation(db, config);
    if (escalated) log.info({ escalated }, 'overdue internal audit findings escalated');
  },
});

import { todayJst } from '@mamori/contracts';
import { and, eq, isNull, lte, gte, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { holdersOf } from '../../platform/access/holders';
import { defineJob } from '../../platform/jobs/define';
import { queueMail } from '../../platform/mail/outbox';
import { mailDate, mailOf } from '../../platform/mail/text';
import { notify } from '../../platform/notifications/notify';
import { orgUnits } from '../org/tables';
import { standardName } from './catalog';
import { certificationAudits, certifications } from './tables';

/** Days before a surveillance or recertification audit that the company's office is reminded. */
export const AUDIT_REMIND_DAYS_BEFORE = 60;
/** Days before a certificate's validity ends that the company's office is reminded (renewal takes months). */
export const EXPIRY_REMIND_DAYS_BEFORE = 120;

const KIND = {
  surveillance: { ja: '定期(サーベイランス)', en: 'surveillance' },
  recertification: { ja: '更新', en: 'recertification' },
};
const addDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Reminds the holders of certifications:manage over each company, once per audit date and once per validity end:
 * an in-app notification and a mail (ja + en). Rows are claimed and stamped in the statement that selects them, so
 * overlapping runs remind once; a new audit date or validity end re-arms the reminder.
 */
export async function remindCertifications(db: Db, config: Config, now = new Date()): Promise<number> {
  const today = todayJst(now);
  let sent = 0;
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const audits = await tx
      .update(certificationAudits)
      .set({ remindedAt: now })
      .where(
        and(
          isNull(certificationAudits.remindedAt),
          isNull(certificationAudits.heldOn),
          gte(certificationAudits.date, today),
          lte(certificationAudits.date, addDays(today, AUDIT_REMIND_DAYS_BEFORE)),
        ),
      )
      .returning();
    const expiring = await tx
      .update(certifications)
      .set({ expiryRemindedAt: now })
      .where(
        and(
          isNull(certifications.expiryRemindedAt),
          isNull(certifications.withdrawnAt),
          gte(certifications.validTo, today),
          lte(certifications.validTo, addDays(today, EXPIRY_REMIND_DAYS_BEFORE)),
        ),
      )
      .returning({ id: certifications.id });
    const ids = [...new Set([...audits.map((a) => a.certificationId), ...expiring.map((e) => e.id)])];
    if (!ids.length) return;
    const certs = await tx
      .select({ c: certifications, path: orgUnits.path, ja: orgUnits.nameJa, en: orgUnits.nameEn })
      .from(certifications)
      .innerJoin(orgUnits, eq(orgUnits.id, certifications.companyId))
      .where(and(inArray(certifications.id, ids), isNull(certifications.withdrawnAt)));
    for (const { c, path, ja, en } of certs) {
      const std = standardName(c.standard);
      const certificate = { ja: `${std.ja} ${c.registrationNumber}`, en: `${std.en} ${c.registrationNumber}` };
      const company = { ja, en };
      const office = await holdersOf(tx, 'certifications:manage', path);
      const link = `/certifications/${c.id}`;
      const url = `${config.publicUrl}${link}`;
      for (const a of audits.filter((x) => x.certificationId === c.id)) {
        sent += await notify(tx, {
          to: office,
          kind: 'certification.audit-due',
          params: { certificate, company, kind: KIND[a.kind], date: a.date },
          link,
        });
        for (const p of office)
          await queueMail(tx, {
            to: p.email,
            ...mailOf(
              { ja: `認証審査の予定: ${certificate.ja}`, en: `Certification audit coming: ${certificate.en}` },
              {
                ja: [
                  `${company.ja}の${certificate.ja}の${KIND[a.kind].ja}審査は ${mailDate(a.date, 'ja')} です。前回の指摘事項への対応と証跡を準備してください。`,
                ],
                en: [
                  `The ${KIND[a.kind].en} audit of ${certificate.en} (${company.en}) is on ${mailDate(a.date, 'en')}. Prepare the evidence and the answers to last time's findings.`,
                ],
              },
              url,
            ),
          });
      }
      if (expiring.some((e) => e.id === c.id)) {
        sent += await notify(tx, {
          to: office,
          kind: 'certification.expiry-due',
          params: { certificate, company, validTo: c.validTo },
          link,
        });
        for (const p of office)
          await queueMail(tx, {
            to: p.email,
            ...mailOf(
              { ja: `認証の有効期限: ${certificate.ja}`, en: `Certificate expiring: ${certificate.en}` },
              {
                ja: [
                  `${company.ja}の${certificate.ja}は ${mailDate(c.validTo, 'ja')} まで有効です。審査機関と更新の日程を調整してください。`,
                ],
                en: [
                  `${certificate.en} of ${company.en} is valid until ${mailDate(c.validTo, 'en')}. Plan its renewal with the certification body.`,
                ],
              },
              url,
            ),
          });
      }
    }
  });
  return sent;
}

export const certificationReminders = defineJob({
  kind: 'certifications.reminders',
  payload: z.object({}),
  async handler(_p, { db, config }) {
    await remindCertifications(db, config);
  },
});

import type { Db } from '../../../db/client';
import { queueMail } from '../../../platform/mail/outbox';
import { mailDate, mailOf } from '../../../platform/mail/text';
import { notify } from '../../../platform/notifications/notify';

type Name = { ja: string; en: string };

/**
 * One message per recipient and campaign, however many of their units it names (an org head of a department
 * with twelve sections gets one reminder, not twelve), in Japanese and English (the outbox sends each recipient theirs).
 */
export async function tellUnits(
  tx: Db,
  publicUrl: string,
  kind: 'reminder' | 'overdue',
  review: { id: string; title: Name; dueOn: string },
  to: { id: string; email: string },
  units: Name[],
) {
  const unit: Name =
    units.length === 1
      ? units[0]!
      : { ja: `${units[0]!.ja} ほか ${units.length - 1} 組織`, en: `${units[0]!.en} and ${units.length - 1} more` };
  const link = `/asset-reviews/${review.id}`;
  const url = publicUrl + link;
  const list = (lang: 'ja' | 'en') => units.slice(0, 30).map((u) => `- ${u[lang]}`);
  const [subjectJa, subjectEn, ja, en] =
    kind === 'reminder'
      ? [
          '棚卸の期限が近づいています',
          'Inventory due soon',
          `「${review.title.ja}」で、次の組織の情報資産台帳を ${mailDate(review.dueOn, 'ja')} までに確認してください。`,
          `Please confirm the asset ledger of these units for "${review.title.en}" by ${mailDate(review.dueOn, 'en')}.`,
        ]
      : [
          '棚卸の期限超過',
          'Inventory overdue',
          `「${review.title.ja}」で、次の組織の情報資産台帳が期限(${mailDate(review.dueOn, 'ja')})までに確認されていません。`,
          `These units did not confirm their asset ledger for "${review.title.en}" by ${mailDate(review.dueOn, 'en')}.`,
        ];
  await queueMail(tx, {
    to: to.email,
    ...mailOf({ ja: subjectJa, en: subjectEn }, { ja: [ja, ...list('ja')], en: [en, ...list('en')] }, url),
  });
  await notify(tx, {
    to: [to],
    kind: kind === 'reminder' ? 'asset-review.reminder' : 'asset-review.overdue',
    params: { title: review.title, unit, dueOn: review.dueOn },
    link,
  });
}

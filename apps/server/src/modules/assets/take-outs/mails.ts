import type { Db } from '../../../db/client';
import { queueMail, type Mail } from '../../../platform/mail/outbox';
import { mailDate, mailOf } from '../../../platform/mail/text';
import { notify } from '../../../platform/notifications/notify';

/**
 * Take-out mails and notifications, in Japanese and English: the outbox sends each recipient theirs (both when nothing
 * decides it). They name the first asset and the count, never the purpose or the destination: those stay behind sign-in.
 */
type Text = Omit<Mail, 'to'>;

const both = (subjectJa: string, subjectEn: string, ja: string[], en: string[], url: string): Text =>
  mailOf({ ja: subjectJa, en: subjectEn }, { ja, en }, url);

export interface Subject {
  id: string;
  asset: string;
  count: number;
  requester: string;
  periodTo: string;
}

const what = (s: Subject) => ({ ja: `${s.asset}(計 ${s.count} 件)`, en: `${s.asset} (${s.count} in all)` });

const texts = {
  toApprove: (s: Subject, url: string) =>
    both(
      '持ち出しの承認依頼',
      'Take-out to approve',
      [`${s.requester} さんが ${what(s).ja} の持ち出しを申請しました。承認または却下してください。`],
      [`${s.requester} asks to take out ${what(s).en}. Please approve or reject it.`],
      url,
    ),
  approved: (s: Subject, url: string) =>
    both(
      '持ち出し承認',
      'Take-out approved',
      [`${what(s).ja} の持ち出しが承認されました。`],
      [`Your take-out of ${what(s).en} was approved.`],
      url,
    ),
  rejected: (s: Subject, url: string, by: string) =>
    both(
      '持ち出し却下',
      'Take-out rejected',
      [`${by} さんが ${what(s).ja} の持ち出しを却下しました。理由は申請画面で確認できます。`],
      [`${by} rejected your take-out of ${what(s).en}. The reason is on the request.`],
      url,
    ),
  overdue: (s: Subject, url: string) =>
    both(
      '持ち出しの返却期限超過',
      'Take-out overdue',
      [`${what(s).ja} の返却期限は ${mailDate(s.periodTo, 'ja')} でした。返却し、返却を記録してください。`],
      [`${what(s).en} was due back on ${mailDate(s.periodTo, 'en')}. Please return it and record the return.`],
      url,
    ),
  escalated: (s: Subject, url: string) =>
    both(
      '持ち出しが返却されていません',
      'Take-out still not returned',
      [`${s.requester} さんが ${what(s).ja} を返却していません(返却期限 ${mailDate(s.periodTo, 'ja')})。確認してください。`],
      [`${s.requester} has not returned ${what(s).en}, due back on ${mailDate(s.periodTo, 'en')}. Please follow it up.`],
      url,
    ),
};

type To = { id: string; email: string }[];
const link = (s: Subject) => `/take-outs/${s.id}`;

async function mailAll(tx: Db, to: To, mail: Text) {
  for (const email of new Set(to.map((u) => u.email))) await queueMail(tx, { to: email, ...mail });
}

/** Tells the people who decide the current step (mail + in-app). */
export async function tellApprovers(tx: Db, publicUrl: string, s: Subject, to: To) {
  await mailAll(tx, to, texts.toApprove(s, publicUrl + link(s)));
  await notify(tx, {
    to,
    kind: 'take-out.to-approve',
    params: { requester: s.requester, asset: s.asset, count: s.count },
    link: link(s),
  });
}

/** Tells the requester the outcome. */
export async function tellRequester(tx: Db, publicUrl: string, s: Subject, to: To, outcome: 'approved' | { rejectedBy: string }) {
  if (outcome === 'approved') {
    await mailAll(tx, to, texts.approved(s, publicUrl + link(s)));
    await notify(tx, { to, kind: 'take-out.approved', params: { asset: s.asset, count: s.count }, link: link(s) });
  } else {
    await mailAll(tx, to, texts.rejected(s, publicUrl + link(s), outcome.rejectedBy));
    await notify(tx, {
      to,
      kind: 'take-out.rejected',
      params: { asset: s.asset, count: s.count, by: outcome.rejectedBy },
      link: link(s),
    });
  }
}

/** The overdue job: the requester first, the approvers after the company's grace days. */
export async function tellOverdue(tx: Db, publicUrl: string, s: Subject, to: To, escalated: boolean) {
  const url = publicUrl + link(s);
  await mailAll(tx, to, escalated ? texts.escalated(s, url) : texts.overdue(s, url));
  if (escalated)
    await notify(tx, {
      to,
      kind: 'take-out.overdue-escalated',
      params: { requester: s.requester, asset: s.asset, count: s.count, periodTo: s.periodTo },
      link: link(s),
    });
  else
    await notify(tx, {
      to,
      kind: 'take-out.overdue',
      params: { asset: s.asset, count: s.count, periodTo: s.periodTo },
      link: link(s),
    });
}

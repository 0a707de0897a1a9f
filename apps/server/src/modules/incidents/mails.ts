import type { Mail } from '../../platform/mail/outbox';

/**
 * Incident mails, in Japanese and English in one message (the recipient's language is not always
 * known). They carry the case number and a link, never the description: the case itself stays behind
 * sign-in, where each read is logged.
 */
type Text = Omit<Mail, 'to'>;

const both = (subjectJa: string, subjectEn: string, ja: string[], en: string[], url: string): Text => ({
  subject: `[Mamori] ${subjectJa} / ${subjectEn}`,
  body: [...ja, '', url, '', '----', '', ...en, '', url, ''].join('\n'),
});

export const incidentMails = {
  reported: (number: string, type: { ja: string; en: string }, unit: string, nearMiss: boolean, url: string) =>
    both(
      `${nearMiss ? 'ヒヤリハット' : 'インシデント'}報告 ${number}`,
      `${nearMiss ? 'Near miss' : 'Incident'} reported ${number}`,
      [
        `${unit} から${nearMiss ? 'ヒヤリハット' : 'インシデント'}(${type.ja})が報告されました。`,
        '内容を確認し、初動対応(被害の把握・拡大防止・証拠保全)を開始してください。',
      ],
      [
        `A ${nearMiss ? 'near miss' : 'security incident'} (${type.en}) was reported from ${unit}.`,
        'Please review it and start the initial response: grasp the damage, contain it, preserve evidence.',
      ],
      url,
    ),

  reminder: (number: string, rule: { ja: string; en: string }, dueAt: Date, url: string) =>
    both(
      `期限が近づいています ${number}`,
      `Deadline approaching ${number}`,
      [`「${rule.ja}」の期限は ${fmt(dueAt, 'ja')} です。`, '対応済みの場合は、日時と方法を記録してください。'],
      [`"${rule.en}" is due ${fmt(dueAt, 'en')}.`, 'If it is done, record when and how it was met.'],
      url,
    ),

  overdue: (number: string, rule: { ja: string; en: string }, dueAt: Date, url: string) =>
    both(
      `期限超過 ${number}`,
      `Deadline overdue ${number}`,
      [`「${rule.ja}」の期限(${fmt(dueAt, 'ja')})を過ぎています。至急対応してください。`],
      [`"${rule.en}" was due ${fmt(dueAt, 'en')} and is overdue. Please act now.`],
      url,
    ),
};

function fmt(d: Date, lang: 'ja' | 'en') {
  return (
    new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
      timeZone: 'Asia/Tokyo',
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(d) + ' JST'
  );
}

import { mailOf, mailTime, type MailLocale } from '../../platform/mail/text';

/**
 * Incident mails, in Japanese and English: the outbox sends each recipient theirs (both when nothing decides it).
 * They carry the case number and a link, never the description: the case itself stays behind sign-in, where each
 * read is logged. Deadlines are shown in the recipient's time zone.
 */
const both = (subjectJa: string, subjectEn: string, ja: string[], en: string[], url: string) =>
  mailOf({ ja: subjectJa, en: subjectEn }, { ja, en }, url);

export const incidentMails = {
  reported: (
    number: string,
    type: { ja: string; en: string },
    unit: { ja: string; en: string },
    nearMiss: boolean,
    url: string,
  ) =>
    both(
      `${nearMiss ? 'ヒヤリハット' : 'インシデント'}報告 ${number}`,
      `${nearMiss ? 'Near miss' : 'Incident'} reported ${number}`,
      [
        `${unit.ja} から${nearMiss ? 'ヒヤリハット' : 'インシデント'}(${type.ja})が報告されました。`,
        '内容を確認し、初動対応(被害の把握・拡大防止・証拠保全)を開始してください。',
      ],
      [
        `A ${nearMiss ? 'near miss' : 'security incident'} (${type.en}) was reported from ${unit.en}.`,
        'Please review it and start the initial response: grasp the damage, contain it, preserve evidence.',
      ],
      url,
    ),

  reminder: (number: string, rule: { ja: string; en: string }, dueAt: Date, url: string) =>
    mailOf(
      { ja: `期限が近づいています ${number}`, en: `Deadline approaching ${number}` },
      (l: MailLocale) =>
        l.language === 'ja'
          ? [`「${rule.ja}」の期限は ${mailTime(dueAt, l)} です。`, '対応済みの場合は、日時と方法を記録してください。']
          : [`"${rule.en}" is due ${mailTime(dueAt, l)}.`, 'If it is done, record when and how it was met.'],
      url,
    ),

  overdue: (number: string, rule: { ja: string; en: string }, dueAt: Date, url: string) =>
    mailOf(
      { ja: `期限超過 ${number}`, en: `Deadline overdue ${number}` },
      (l: MailLocale) =>
        l.language === 'ja'
          ? [`「${rule.ja}」の期限(${mailTime(dueAt, l)})を過ぎています。至急対応してください。`]
          : [`"${rule.en}" was due ${mailTime(dueAt, l)} and is overdue. Please act now.`],
      url,
    ),
};

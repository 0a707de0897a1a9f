import { DEFAULT_MAIL_TEMPLATE, frameMail, MailTemplate, type MailLanguage } from '@mamori/contracts';
import type { Db } from '../../db/client';
import { registerCompanySetting } from '../settings/company';
import { defineSetting, effectiveSetting } from '../settings/effective';
import { recipientOf } from './recipient';
import { bilingual, textIn, type MailText } from './text';

/**
 * The common frame of every mail the outbox sends (issue #22, docs/group.md "Mail templates"): sender display name,
 * subject prefix, greeting and signature in ja + en (the recipient's language's alone goes into a mail). A company may set its own (`PUT /api/companies/{unitId}/settings/
 * mail.template`); the recipient's company decides which applies, read through `effectiveSetting`. Nothing here is
 * stricter or looser: a company's template simply replaces the one it inherits.
 */
export const mailTemplateSetting = defineSetting('mail.template', MailTemplate, () => structuredClone(DEFAULT_MAIL_TEMPLATE));

registerCompanySetting({
  setting: mailTemplateSetting,
  title: { ja: 'メールのテンプレート（差出人名・件名・挨拶・署名）', en: 'Mail template (sender, subject, greeting, signature)' },
});

/**
 * The mail to `to` in its recipient's language and frame (docs/group.md "Mail language"): one language's subject,
 * body, greeting and signature when the recipient's language is known, both (Japanese first) when nothing decides
 * it; and the sender display name to send it under (null: the configured one).
 */
export async function frameForRecipient(
  tx: Db,
  mail: { to: string; subject: MailText; body: MailText; language?: MailLanguage },
): Promise<{ subject: string; body: string; fromName: string | null; language: MailLanguage | null }> {
  const recipient = await recipientOf(tx, mail.to);
  const { unitId, values, timeZone } = recipient;
  const language = mail.language ?? recipient.language;
  const { value: template } = await effectiveSetting(tx, mailTemplateSetting, unitId);
  const text = language
    ? { subject: textIn(mail.subject, { language, timeZone }), body: textIn(mail.body, { language, timeZone }) }
    : bilingual(mail.subject, mail.body, timeZone);
  return {
    ...frameMail(template, text, values, language ? [language] : ['ja', 'en']),
    fromName: template.senderName || null,
    language,
  };
}

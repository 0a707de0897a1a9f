import { MAIL_SUBJECT_TAG, type MailLanguage } from '@mamori/contracts';

/**
 * The texts of a mail, written once per language by the module that sends it (issue #18: a mail in its recipient's
 * language). `queueMail` picks the recipient's language (platform/mail/recipient.ts) and renders one of them; only
 * when nothing decides a language does a mail carry both, Japanese first (`bilingual` below).
 */
export interface LocalText {
  ja: string;
  en: string;
}

/** The language a mail is written in and the time zone its times are shown in. */
export interface MailLocale {
  language: MailLanguage;
  timeZone: string;
}

/**
 * A subject or body: a plain string (sent as it is, in every language), a text per language, or a function of the
 * recipient's locale for texts that show a date or a time (`mailTime`, `mailDate`).
 */
export type MailText = string | LocalText | ((locale: MailLocale) => string);

/** The time zone times are shown in when the recipient's company says none (the company profile's default). */
export const DEFAULT_MAIL_TIME_ZONE = 'Asia/Tokyo';

/** One language's text of a subject or body. */
export function textIn(text: MailText, locale: MailLocale): string {
  if (typeof text === 'string') return text;
  if (typeof text === 'function') return text(locale);
  return text[locale.language];
}

const bareSubject = (s: string) => (s.startsWith(MAIL_SUBJECT_TAG) ? s.slice(MAIL_SUBJECT_TAG.length).trimStart() : s);

/**
 * Both languages in one mail, for a recipient whose language nothing decides (docs/group.md "Mail language"): the
 * subject `[Mamori] ja / en` (the tag once), the body Japanese first, a `----` line, then English.
 */
export function bilingual(subject: MailText, body: MailText, timeZone: string): { subject: string; body: string } {
  const at = (language: MailLanguage) => ({ language, timeZone });
  const [sja, sen] = [textIn(subject, at('ja')), textIn(subject, at('en'))];
  const [bja, ben] = [textIn(body, at('ja')), textIn(body, at('en'))];
  const tagged = sja.startsWith(MAIL_SUBJECT_TAG) || sen.startsWith(MAIL_SUBJECT_TAG);
  const both = sja === sen ? sja : `${tagged ? `${MAIL_SUBJECT_TAG} ` : ''}${bareSubject(sja)} / ${bareSubject(sen)}`;
  return { subject: both, body: bja === ben ? bja : `${bja.replace(/\n*$/, '')}\n\n----\n\n${ben}` };
}

/**
 * The usual mail of a module: a subject (after the `[Mamori]` tag) and paragraphs per language, the link below them.
 * `lines` may be a function of the locale when they show dates or times.
 */
export function mailOf(
  subject: LocalText,
  lines: { ja: string[]; en: string[] } | ((locale: MailLocale) => string[]),
  url?: string,
): { subject: LocalText; body: (locale: MailLocale) => string } {
  return {
    subject: { ja: `${MAIL_SUBJECT_TAG} ${subject.ja}`, en: `${MAIL_SUBJECT_TAG} ${subject.en}` },
    body: (locale) => {
      const text = typeof lines === 'function' ? lines(locale) : lines[locale.language];
      return [...text, ...(url ? ['', url] : []), ''].join('\n');
    },
  };
}

const LOCALE: Record<MailLanguage, string> = { ja: 'ja-JP', en: 'en-GB' };

/** An instant in the recipient's language and time zone, the zone named: `2026/12/07 9:30 (Asia/Tokyo)`. */
export function mailTime(at: Date | string, { language, timeZone }: MailLocale): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  const text = new Intl.DateTimeFormat(LOCALE[language], { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(d);
  return `${text} (${timeZone})`;
}

/** The day of an instant in the recipient's language and time zone: `2026年12月7日` / `7 December 2026`. */
export function mailDay(at: Date | string, { language, timeZone }: MailLocale): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return new Intl.DateTimeFormat(LOCALE[language], { timeZone, dateStyle: 'long' }).format(d);
}

/**
 * A calendar date (`YYYY-MM-DD`: no time zone, so it reads the same everywhere) in one language, for the `{ ja, en }`
 * texts: `2026年12月7日` / `7 December 2026`.
 */
export function mailDate(date: string | null | undefined, language: MailLanguage): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(LOCALE[language], { timeZone: 'UTC', dateStyle: 'long' }).format(d);
}

import en from './messages/en.json';
import ja from './messages/ja.json';

/**
 * Messages a person reads that the server writes — problem details, field errors — are sent as a stable code
 * with parameters, never as server English alone: the web app renders the code in the reader's language, and
 * the server renders it in the request's language for the problem's `detail` (for clients that show only that).
 * The texts are data, one catalogue per language (messages/ja.json, messages/en.json); the catalogue test
 * checks that both have every code with the same placeholders.
 */
export const MESSAGE_TEXTS = { ja, en } as const;
export type MessageCode = keyof typeof en;
export type MessageLanguage = keyof typeof MESSAGE_TEXTS;

/**
 * A value filled into a message: plain, a name in both languages, or a moment (as in notifications). This file
 * has no runtime dependency (no zod), so the web app's first load takes the catalogue without the schemas.
 */
export type MessageParam = string | number | { ja: string; en: string } | { at: string };
export type MessageParams = Record<string, MessageParam>;

export interface Message {
  code: MessageCode;
  params?: MessageParams;
}

export const isMessageCode = (code: string): code is MessageCode => Object.hasOwn(en, code);

/** The placeholders a text uses (`{{name}}`), for the catalogue test. */
export const placeholdersOf = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);

const moment = (iso: string, lang: MessageLanguage) =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: lang === 'ja' ? 'Asia/Tokyo' : 'UTC',
    timeZoneName: 'short',
  }).format(new Date(iso));

/** A value in a language: the name in that language, a moment in its usual zone (the web app uses the reader's). */
export function messageParamText(value: MessageParam, lang: MessageLanguage): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if ('at' in value) return moment(value.at, lang);
  return lang === 'ja' ? value.ja || value.en : value.en || value.ja;
}

/** Renders a message in a language; an unknown code (a newer server) renders as the code itself. */
export function renderMessage(lang: MessageLanguage, message: Message): string {
  const text: string | undefined = (MESSAGE_TEXTS[lang] as Record<string, string>)[message.code];
  if (text === undefined) return message.code;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const v = message.params?.[name];
    return v === undefined ? '' : messageParamText(v, lang);
  });
}

import type { MessageParam } from '@mamori/contracts/messages';
import { formatDateTime } from '../components/names';
import i18n, { SERVER_MESSAGES } from './index';

/** Values that are ids of a fixed list (an action, a role) are shown by their label in the reader's language. */
const LABELLED: Record<string, string> = { action: 'enum.action', role: 'enum.role' };

/** A value in the reader's language: the name in that language, a moment in the reader's time zone. */
function paramText(name: string, value: MessageParam, lang: 'ja' | 'en'): string {
  if (typeof value === 'string') {
    const list = LABELLED[name];
    return list && i18n.exists(`${list}.${value}`) ? i18n.t(`${list}.${value}`, { lng: lang }) : value;
  }
  if (typeof value === 'number') return String(value);
  if ('at' in value) return formatDateTime(value.at, lang);
  return lang === 'ja' ? value.ja || value.en : value.en || value.ja;
}

/**
 * A server message (a catalogue code with values, contracts/messages.ts) in the reader's language, or undefined
 * when the code is not in this build's catalogue (then the server's own text is shown).
 */
export function messageText(
  code: string | undefined,
  params?: Record<string, unknown>,
  lang = i18n.language,
): string | undefined {
  if (!code) return undefined;
  const l = lang === 'ja' ? 'ja' : 'en';
  // the reader's language's texts came with its catalogue (index.ts), not in the first download
  const texts = (i18n.getResourceBundle(l, 'translation') as Record<string, unknown> | undefined)?.[SERVER_MESSAGES] as
    Record<string, string> | undefined;
  const text = texts && Object.hasOwn(texts, code) ? texts[code] : undefined;
  if (text === undefined) return undefined;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const v = params?.[name] as MessageParam | undefined;
    return v === undefined || v === null ? '' : paramText(name, v, l);
  });
}

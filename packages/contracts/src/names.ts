/** A record named in both languages (org units, partners, products, people). */
export interface Named {
  nameJa?: string | null;
  nameEn?: string | null;
}

/**
 * The name in the reader's language, the other one when that is empty: the one rule for every page, export,
 * PDF and mail that shows a name kept in Japanese and English.
 */
export function localName(obj: Named | null | undefined, lang: string): string {
  if (!obj) return '';
  const ja = obj.nameJa ?? '';
  const en = obj.nameEn ?? '';
  return lang === 'ja' ? ja || en : en || ja;
}

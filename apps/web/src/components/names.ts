import { localName, type Named } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';

/** Picks the Japanese or English name of a record for the current language (contracts `localName`). */
export function useLocalName() {
  const { i18n } = useTranslation();
  return (r: Named | null | undefined) => localName(r, i18n.language);
}

/** The partner name carried by a row (partnerName in English, partnerNameJa in Japanese) for the current language. */
export function usePartnerName() {
  const { i18n } = useTranslation();
  return (r: { partnerName: string; partnerNameJa: string }) =>
    localName({ nameJa: r.partnerNameJa, nameEn: r.partnerName }, i18n.language);
}

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
}

/** A moment to the minute (a due time in a list: seconds are noise there). */
export function formatMinute(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The org unit name carried by a row (orgUnitName in English, orgUnitNameJa in Japanese) for the current language. */
export function useUnitName() {
  const { i18n } = useTranslation();
  return (r: { orgUnitName: string | null; orgUnitNameJa: string | null }) =>
    localName({ nameJa: r.orgUnitNameJa, nameEn: r.orgUnitName }, i18n.language) || null;
}

import { useTranslation } from 'react-i18next';

/** Picks the Japanese or English name of a record for the current language. */
export function useLocalName() {
  const { i18n } = useTranslation();
  return (r: { nameJa: string; nameEn: string }) => (i18n.language === 'ja' ? r.nameJa || r.nameEn : r.nameEn || r.nameJa);
}

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
}

/** The org unit name carried by a row (orgUnitName in English, orgUnitNameJa in Japanese) for the current language. */
export function useUnitName() {
  const { i18n } = useTranslation();
  return (r: { orgUnitName: string | null; orgUnitNameJa: string | null }) =>
    (i18n.language === 'ja' ? r.orgUnitNameJa || r.orgUnitName : r.orgUnitName || r.orgUnitNameJa) ?? null;
}

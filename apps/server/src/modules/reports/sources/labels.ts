import { fiscalYearLabel, type LocalText } from '@mamori/contracts';
import { t } from './registry';

/** Labels and arithmetic the sources share (severities, months, fiscal years, percentages). */

export const SEVERITY = {
  critical: t('重大', 'Critical'),
  high: t('高', 'High'),
  medium: t('中', 'Medium'),
  low: t('低', 'Low'),
  none: t('未評価', 'Not scored'),
} as Record<string, LocalText>;

export const monthLabel = (m: string): LocalText => ({
  ja: `${Number(m.slice(5))}月`,
  en: new Date(`${m}-01T00:00:00Z`).toLocaleString('en', { month: 'short', timeZone: 'UTC' }),
});

export const fyLabel = (fy: number): LocalText => ({ ja: fiscalYearLabel(fy, 'ja'), en: fiscalYearLabel(fy, 'en') });

/** part / whole in percent with one decimal; null when there is nothing to count */
export const pct = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 10 : null);

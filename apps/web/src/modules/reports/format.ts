import type { Figure } from './api';

/** A figure's number as the reader reads it: grouped digits, a % for percentages, a dash for none. */
export function formatValue(f: Figure, v: number | null, lang: string) {
  if (v === null) return '—';
  const n = v.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
  return f.unit === 'percent' ? `${n}%` : n;
}

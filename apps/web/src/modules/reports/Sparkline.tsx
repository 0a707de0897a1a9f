import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Figure } from './api';
import { formatValue } from './format';

/**
 * An "open now" figure's last days (the daily snapshots) as a small line under its headline. The line is
 * `aria-hidden`; a screen reader hears the first and last value of the period instead.
 */
export function Sparkline({ figure: f, lang }: { figure: Figure; lang: 'ja' | 'en' }) {
  const { t } = useTranslation();
  const points = (f.history ?? []).filter((p): p is { day: string; value: number } => p.value !== null);
  if (points.length < 2) return null;
  const W = 200;
  const H = 28;
  const values = points.map((p) => p.value);
  const lo = Math.min(...values);
  const span = Math.max(...values) - lo || 1;
  const x = (i: number) => (i / (points.length - 1)) * (W - 4) + 2;
  const y = (v: number) => H - 3 - ((v - lo) / span) * (H - 6);
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.value).toFixed(1)}`).join(' ');
  const first = points[0]!;
  const last = points.at(-1)!;
  return (
    <div data-testid={`sparkline-${f.source}`}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} preserveAspectRatio="none" aria-hidden="true">
        <path d={d} fill="none" stroke="#1c7ed6" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
        <circle cx={x(points.length - 1)} cy={y(last.value)} r={2.5} fill="#1c7ed6" />
      </svg>
      <VisuallyHidden>
        {t('reportsUi.sparkline', {
          days: points.length,
          from: formatValue(f, first.value, lang),
          to: formatValue(f, last.value, lang),
        })}
      </VisuallyHidden>
    </div>
  );
}

import type { Figure } from '@mamori/contracts';

/**
 * A figure's chart as plain SVG (bars, stacked bars, lines). Our own ~100 lines instead of a charting library:
 * recharts (what @mantine/charts wraps) adds ~100 KB gzip and visx ~30 KB for the few shapes we draw; this adds
 * ~1 KB and is loaded only with the dashboard (React.lazy). The SVG is `aria-hidden`: screen readers get the
 * figure's table view (FigureCard), which holds the same numbers. docs/reports.md.
 */
export const PALETTE = ['#1c7ed6', '#f76707', '#2f9e44', '#ae3ec9', '#e03131', '#868e96'];

export default function Chart({ figure, lang }: { figure: Figure; lang: 'ja' | 'en' }) {
  const kind = figure.chart ?? 'bar';
  const W = 360;
  const H = 180;
  const left = 32;
  const top = 8;
  const bottom = 28;
  const w = W - left - 6;
  const h = H - top - bottom;
  const totals = figure.rows.map((r) => (kind === 'stacked' ? r.values.reduce((s, v) => s + v, 0) : Math.max(0, ...r.values)));
  const raw = Math.max(1, ...totals);
  // about four gridlines at a round step; counts are whole, so the step is at least 1 (no "2.5 incidents")
  const rough = raw / 4;
  const p = 10 ** Math.floor(Math.log10(rough));
  const whole = figure.rows.every((r) => r.values.every((v) => Number.isInteger(v)));
  const step = Math.max(whole ? 1 : 0, [1, 2, 5, 10].map((m) => m * p).find((m) => m >= rough) ?? rough);
  const lines = Math.max(1, Math.ceil(raw / step));
  const max = step * lines;
  const y = (v: number) => top + h - (v / max) * h;
  const n = Math.max(figure.rows.length, 1);
  const slot = w / n;
  const every = Math.ceil(n / 8);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="presentation" aria-hidden="true" data-testid={`chart-${figure.source}`}>
      {Array.from({ length: lines + 1 }, (_, i) => (
        <g key={i}>
          <line x1={left} x2={left + w} y1={y(step * i)} y2={y(step * i)} stroke="#dee2e6" strokeWidth={0.5} />
          <text x={left - 4} y={y(step * i) + 3} fontSize={8} textAnchor="end" fill="#495057">
            {Math.round(step * i * 100) / 100}
          </text>
        </g>
      ))}
      {figure.rows.map((r, i) => {
        const x0 = left + i * slot;
        let acc = 0;
        const bw = (slot * 0.7) / Math.max(r.values.length, 1);
        return (
          <g key={r.key}>
            {kind === 'stacked' &&
              r.values.map((v, c) => {
                const from = acc;
                acc += v;
                return v > 0 ? (
                  <rect
                    key={c}
                    className="bar"
                    x={x0 + slot * 0.15}
                    y={y(from + v)}
                    width={slot * 0.7}
                    height={y(from) - y(from + v)}
                    fill={PALETTE[c % PALETTE.length]}
                  />
                ) : null;
              })}
            {kind === 'bar' &&
              r.values.map((v, c) =>
                v > 0 ? (
                  <rect
                    key={c}
                    className="bar"
                    x={x0 + slot * 0.15 + c * bw}
                    y={y(v)}
                    width={bw}
                    height={y(0) - y(v)}
                    fill={PALETTE[c % PALETTE.length]}
                  />
                ) : null,
              )}
            {i % every === 0 && (
              <text x={x0 + slot / 2} y={top + h + 11} fontSize={8} textAnchor="middle" fill="#212529">
                {r.label[lang].length > 10 ? `${r.label[lang].slice(0, 9)}…` : r.label[lang]}
              </text>
            )}
          </g>
        );
      })}
      {kind === 'line' &&
        figure.columns.map((col, c) => (
          <polyline
            key={col.key}
            className="bar"
            fill="none"
            stroke={PALETTE[c % PALETTE.length]}
            strokeWidth={1.5}
            points={figure.rows.map((r, i) => `${left + i * slot + slot / 2},${y(r.values[c] ?? 0)}`).join(' ')}
          />
        ))}
      <line x1={left} x2={left + w} y1={y(0)} y2={y(0)} stroke="#495057" strokeWidth={0.7} />
      {figure.columns.length > 1 &&
        figure.columns.map((col, c) => (
          <g key={col.key} transform={`translate(${left + c * 110}, ${H - 8})`}>
            <rect width={7} height={7} y={-6} fill={PALETTE[c % PALETTE.length]} />
            <text x={10} fontSize={8} fill="#212529">
              {col.label[lang]}
            </text>
          </g>
        ))}
    </svg>
  );
}

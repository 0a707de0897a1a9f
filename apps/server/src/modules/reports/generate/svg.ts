import type { Figure } from '@mamori/contracts';

/**
 * A figure as an SVG chart for the PDF (pdfmake draws SVG as vectors; the text uses the embedded Noto Sans JP).
 * Bars (grouped), stacked bars or lines; the numbers are also printed as a table beside each chart.
 */
export const PALETTE = ['#1c7ed6', '#f76707', '#2f9e44', '#ae3ec9', '#e03131', '#868e96'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export function chartSvg(f: Figure, lang: 'ja' | 'en', width = 480, height = 230): string {
  const kind = f.chart ?? 'bar';
  const left = 40;
  const right = 10;
  const top = 10;
  const legendH = f.columns.length > 1 ? 16 : 0;
  const bottom = 34 + legendH;
  const w = width - left - right;
  const h = height - top - bottom;
  const totals = f.rows.map((r) => (kind === 'stacked' ? r.values.reduce((s, v) => s + v, 0) : Math.max(0, ...r.values)));
  const max = niceMax(Math.max(0, ...totals));
  const y = (v: number) => top + h - (v / max) * h;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="NotoSansJP">`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    out.push(`<line x1="${left}" x2="${left + w}" y1="${y(v)}" y2="${y(v)}" stroke="#dee2e6" stroke-width="0.5"/>`);
    out.push(
      `<text x="${left - 4}" y="${y(v) + 3}" font-size="7" text-anchor="end" fill="#495057">${Math.round(v * 10) / 10}</text>`,
    );
  }
  const n = Math.max(f.rows.length, 1);
  const slot = w / n;
  const labelEvery = Math.ceil(n / 12);
  f.rows.forEach((r, i) => {
    const x0 = left + i * slot;
    if (kind === 'line') {
      // points drawn below
    } else if (kind === 'stacked') {
      let acc = 0;
      r.values.forEach((v, c) => {
        if (v > 0)
          out.push(
            `<rect x="${x0 + slot * 0.15}" y="${y(acc + v)}" width="${slot * 0.7}" height="${y(acc) - y(acc + v)}" fill="${PALETTE[c % PALETTE.length]}"/>`,
          );
        acc += v;
      });
    } else {
      const bw = (slot * 0.7) / Math.max(r.values.length, 1);
      r.values.forEach((v, c) => {
        if (v > 0)
          out.push(
            `<rect x="${x0 + slot * 0.15 + c * bw}" y="${y(v)}" width="${bw}" height="${y(0) - y(v)}" fill="${PALETTE[c % PALETTE.length]}"/>`,
          );
      });
    }
    if (i % labelEvery === 0) {
      const label = r.label[lang];
      out.push(
        `<text x="${x0 + slot / 2}" y="${top + h + 11}" font-size="7" text-anchor="middle" fill="#212529">${esc(label.length > 14 ? label.slice(0, 13) + '…' : label)}</text>`,
      );
    }
  });
  if (kind === 'line')
    f.columns.forEach((_, c) => {
      const pts = f.rows.map((r, i) => `${left + i * slot + slot / 2},${y(r.values[c] ?? 0)}`).join(' ');
      out.push(`<polyline points="${pts}" fill="none" stroke="${PALETTE[c % PALETTE.length]}" stroke-width="1.5"/>`);
      f.rows.forEach((r, i) =>
        out.push(
          `<circle cx="${left + i * slot + slot / 2}" cy="${y(r.values[c] ?? 0)}" r="2" fill="${PALETTE[c % PALETTE.length]}"/>`,
        ),
      );
    });
  out.push(`<line x1="${left}" x2="${left + w}" y1="${y(0)}" y2="${y(0)}" stroke="#495057" stroke-width="0.7"/>`);
  if (legendH) {
    let x = left;
    f.columns.forEach((col, c) => {
      out.push(`<rect x="${x}" y="${height - 12}" width="8" height="8" fill="${PALETTE[c % PALETTE.length]}"/>`);
      out.push(`<text x="${x + 11}" y="${height - 5}" font-size="7" fill="#212529">${esc(col.label[lang])}</text>`);
      x += 16 + col.label[lang].length * (lang === 'ja' ? 7 : 4);
    });
  }
  out.push('</svg>');
  return out.join('');
}

import { FEASIBILITY_RATINGS, IMPACT_RATINGS, type TaraAnalysis, type TaraR155Coverage } from '@mamori/contracts';
import type { Content } from 'pdfmake/interfaces';
import { facts, renderPdf, section } from '../../../../platform/pdf/render';
import { day, L, type Lang } from './labels';
import { exportRows } from './tables';

const table = (header: readonly string[], body: string[][], widths: (number | '*')[]): Content => ({
  table: { headerRows: 1, widths, body: [header.map((h) => ({ text: h, style: 'label' })), ...body] },
  layout: 'lightHorizontalLines',
  fontSize: 7,
  margin: [0, 0, 0, 8],
});

/** The risk matrix as counts: impact rows (severe first) × feasibility columns (very low → high), with the value. */
function matrix(ws: TaraAnalysis, lang: Lang): Content {
  const t = L[lang];
  const impacts = [...IMPACT_RATINGS].reverse();
  const body = impacts.map((imp) => [
    { text: t.impacts[imp], style: 'label' },
    ...FEASIBILITY_RATINGS.map((f) => {
      const n = ws.risks.filter((r) => r.impact === imp && r.feasibility === f).length;
      const value = ws.method.riskMatrix[imp][FEASIBILITY_RATINGS.indexOf(f)];
      return { text: `${n}${value === undefined ? '' : `  (${value})`}`, alignment: 'center' as const };
    }),
  ]);
  return {
    table: {
      headerRows: 1,
      widths: [110, '*', '*', '*', '*'],
      body: [
        [
          { text: t.impactVsFeasibility, style: 'label' },
          ...FEASIBILITY_RATINGS.map((f) => ({ text: t.feasibilities[f], style: 'label' })),
        ],
        ...body,
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 10],
  };
}

/** The TARA report: summary, risk matrix, then the work products' tables; Japanese or English. */
export function taraPdf(ws: TaraAnalysis, coverage: TaraR155Coverage, lang: Lang, now = new Date()): Promise<Buffer> {
  const t = L[lang];
  const rows = exportRows(ws, coverage, lang);
  const product = `${ws.productCode} ${lang === 'ja' ? ws.productNameJa : ws.productNameEn}`;
  return renderPdf({ title: ws.title, subtitle: `${t.title} — ${product}`, footer: t.footer, lang, createdAt: now }, [
    facts([
      [t.item.product, product],
      [t.item.release, ws.releaseVersion ?? '—'],
      [t.item.method, String(ws.methodVersion)],
      [t.item.owner, ws.riskOwner?.name ?? '—'],
      [t.item.boundary, ws.boundary ?? ''],
      [t.item.exported, day(now, lang)],
    ]),
    ...section(
      t.summary,
      `${t.counts(ws.assets.length, ws.damageScenarios.length, ws.threatScenarios.length, ws.risks.length)}\n${t.coverage(coverage.counts)}`,
    ),
    ...section(t.matrix, matrix(ws, lang)),
    ...section(t.sheets.assets, table(t.assets, rows.assets, [20, 100, '*', 110])),
    ...section(t.sheets.damages, table(t.damages, rows.damages, [20, 110, '*', 110, 45])),
    ...section(
      t.sheets.threats,
      table(
        t.threats.filter((_, i) => i !== 4 && i !== 5),
        rows.threats.map((r) => r.filter((_, i) => i !== 4 && i !== 5)),
        [20, '*', 25, 55, 40, 45, 35, 40],
      ),
    ),
    ...section(
      t.sheets.risks,
      table(
        t.risks.slice(0, 8),
        rows.risks.map((r) => r.slice(0, 8)),
        [25, 25, 40, 40, 25, 35, '*', 20],
      ),
    ),
    ...section(
      t.sheets.r155,
      table(
        t.r155.filter((_, i) => i !== 1),
        rows.r155.map((r) => r.filter((_, i) => i !== 1)),
        [25, '*', 50, 45, 110],
      ),
    ),
  ]);
}

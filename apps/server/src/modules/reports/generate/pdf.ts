import type { Content } from 'pdfmake/interfaces';
import { renderPdf } from '../../../platform/pdf/render';
import type { Block } from './narrative';
import { formatValue, trendText, type ReportModel } from './model';
import { chartSvg } from './svg';

const narrative = (blocks: Block[]): Content[] =>
  blocks.map((b) =>
    b.kind === 'p'
      ? { text: b.runs.map((r) => ({ text: r.text, bold: r.bold })), margin: [0, 0, 0, 6] }
      : { ul: b.items.map((i) => ({ text: i.map((r) => ({ text: r.text, bold: r.bold })) })), margin: [0, 0, 0, 6] },
  );

/** The report as a PDF: cover facts, table of contents, sections with charts drawn as vectors; page numbers in the footer. */
export async function reportPdf(m: ReportModel, createdAt: Date, footer: string): Promise<Buffer> {
  const L = m.lang;
  const content: Content[] = [
    {
      table: { widths: [120, '*'], body: m.facts.map(([k, v]) => [{ text: k, color: '#555555' }, v]) },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 12],
    },
    { toc: { title: { text: L === 'ja' ? '目次' : 'Contents', style: 'heading' } } },
  ];
  m.sections.forEach((s, i) => {
    content.push({ text: `${i + 1}. ${s.title}`, style: 'heading', tocItem: true, pageBreak: 'before', fontSize: 14 });
    if (s.missing) content.push({ text: s.missing, italics: true, color: '#555555' });
    content.push(...narrative(s.narrative));
    for (const it of s.items) {
      const f = it.figure;
      const title = it.caption ?? f.title[L];
      if (it.kind === 'figure') {
        const trend = trendText(f, L);
        content.push({
          table: {
            widths: ['*', 120],
            body: [
              [
                { text: title, bold: true },
                { text: formatValue(f, f.value, L), fontSize: 16, bold: true, alignment: 'right' },
              ],
            ],
          },
          layout: 'noBorders',
          margin: [0, 6, 0, 0],
        });
        if (trend) content.push({ text: trend, fontSize: 8, color: '#555555', alignment: 'right', margin: [0, 0, 0, 6] });
      } else if (it.kind === 'chart') {
        content.push({ text: title, bold: true, margin: [0, 8, 0, 4] });
        if (f.rows.length) content.push({ svg: chartSvg(f, L), width: 480, margin: [0, 0, 0, 8] });
        else content.push({ text: L === 'ja' ? '（データなし）' : '(no data)', color: '#555555' });
      } else {
        content.push({ text: title, bold: true, margin: [0, 8, 0, 4] });
        content.push({
          table: {
            headerRows: 1,
            widths: ['*', ...f.columns.map(() => 70)],
            body: [
              [{ text: '' }, ...f.columns.map((c) => ({ text: c.label[L], bold: true, alignment: 'right' as const }))],
              ...(f.rows.length
                ? f.rows.map((r) => [
                    r.label[L],
                    ...r.values.map((v) => ({
                      text: v.toLocaleString(L === 'ja' ? 'ja-JP' : 'en-GB'),
                      alignment: 'right' as const,
                    })),
                  ])
                : [
                    [
                      { text: L === 'ja' ? '（データなし）' : '(no data)', colSpan: f.columns.length + 1 },
                      ...f.columns.map(() => ''),
                    ],
                  ]),
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 9,
          margin: [0, 0, 0, 8],
        });
      }
    }
  });
  return renderPdf({ title: m.title, lang: L, subtitle: m.subtitle ?? undefined, footer, createdAt }, content);
}

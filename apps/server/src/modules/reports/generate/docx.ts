import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatValue, trendText, type ReportModel } from './model';

const FONT = { ascii: 'Noto Sans JP', eastAsia: 'Noto Sans JP', hAnsi: 'Noto Sans JP' };
const cell = (text: string, bold = false, right = false) =>
  new TableCell({
    children: [
      new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold })] }),
    ],
  });

/**
 * The report as an editable Word document (the `docx` package): headings Word and LibreOffice list in their
 * navigator and table of contents (a TOC field, filled when the reader updates fields), the figures' numbers as real
 * tables, page numbers in the footer. Charts are given as their tables here; the PDF draws them.
 */
export async function reportDocx(m: ReportModel, footer: string): Promise<Buffer> {
  const L = m.lang;
  const children: (Paragraph | Table | TableOfContents)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(m.title)] }),
  ];
  if (m.subtitle) children.push(new Paragraph({ children: [new TextRun({ text: m.subtitle, italics: true })] }));
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: m.facts.map(([k, v]) => new TableRow({ children: [cell(k, true), cell(v)] })),
    }),
  );
  children.push(new TableOfContents(L === 'ja' ? '目次' : 'Contents', { hyperlink: true, headingStyleRange: '1-2' }));
  m.sections.forEach((s, i) => {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(`${i + 1}. ${s.title}`)] }),
    );
    if (s.missing) children.push(new Paragraph({ children: [new TextRun({ text: s.missing, italics: true })] }));
    for (const b of s.narrative) {
      if (b.kind === 'p')
        children.push(new Paragraph({ children: b.runs.map((r) => new TextRun({ text: r.text, bold: r.bold })) }));
      else
        for (const item of b.items)
          children.push(
            new Paragraph({ bullet: { level: 0 }, children: item.map((r) => new TextRun({ text: r.text, bold: r.bold })) }),
          );
    }
    for (const it of s.items) {
      const f = it.figure;
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(it.caption ?? f.title[L])] }));
      if (it.kind === 'figure') {
        const trend = trendText(f, L);
        children.push(new Paragraph({ children: [new TextRun({ text: formatValue(f, f.value, L), bold: true, size: 32 })] }));
        if (trend) children.push(new Paragraph({ children: [new TextRun({ text: trend, size: 18 })] }));
        continue;
      }
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: [cell(''), ...f.columns.map((c) => cell(c.label[L], true, true))] }),
            ...f.rows.map(
              (r) =>
                new TableRow({
                  children: [
                    cell(r.label[L]),
                    ...r.values.map((v) => cell(v.toLocaleString(L === 'ja' ? 'ja-JP' : 'en-GB'), false, true)),
                  ],
                }),
            ),
          ],
        }),
      );
      if (!f.rows.length) children.push(new Paragraph(L === 'ja' ? '（データなし）' : '(no data)'));
    }
  });
  const doc = new Document({
    creator: 'Mamori',
    title: m.title,
    features: { updateFields: true },
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun(`${footer}   `),
                  new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

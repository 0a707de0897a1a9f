import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * PDF documents in Japanese and English. One embedded font for both scripts — Noto Sans JP (SIL OFL 1.1, from the
 * npm package @expo-google-fonts/noto-sans-jp) — subset into each file by pdfkit, so a report holds only the glyphs
 * it uses and prints the same on every machine, with or without Japanese fonts installed.
 */
const fontDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/package.json'));
const REGULAR = join(fontDir, '400Regular', 'NotoSansJP_400Regular.ttf');
const BOLD = join(fontDir, '700Bold', 'NotoSansJP_700Bold.ttf');
const FONT_FILES = new Set([REGULAR, BOLD]);

pdfmake.setFonts({ NotoSansJP: { normal: REGULAR, bold: BOLD, italics: REGULAR, bolditalics: BOLD } });
// Only the two font files may be read from disk: nothing in a document definition can pull in other local files.
pdfmake.setLocalAccessPolicy((path: string) => FONT_FILES.has(path));
pdfmake.setUrlAccessPolicy(() => false);

export interface PdfMeta {
  title: string;
  /** BCP 47, written into the document catalogue so readers and screen readers pick the right language. */
  lang: 'ja' | 'en';
  /** A line under the title (e.g. who may read it). */
  subtitle?: string;
  /** Printed at the foot of every page next to the page number (e.g. the classification). */
  footer: string;
  /** Shown as the creation date; also fixes the document's metadata date, so the same input gives the same file. */
  createdAt: Date;
}

/** A heading and text block, the shape most reports are made of. */
export const section = (heading: string, body: Content): Content[] => [
  { text: heading, style: 'heading' },
  typeof body === 'string' ? { text: body, margin: [0, 0, 0, 8] } : body,
];

/** A two-column table of labels and values. */
export const facts = (rows: [string, string][]): Content => ({
  table: { widths: [130, '*'], body: rows.map(([k, v]) => [{ text: k, style: 'label' }, v || '—']) },
  layout: 'lightHorizontalLines',
  margin: [0, 0, 0, 10],
});

export async function renderPdf(meta: PdfMeta, content: Content[]): Promise<Buffer> {
  const doc: TDocumentDefinitions = {
    info: { title: meta.title, creator: 'Mamori', producer: 'Mamori', creationDate: meta.createdAt },
    language: meta.lang,
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: 'NotoSansJP', fontSize: 10, lineHeight: 1.3 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 9, color: '#555555', margin: [0, 0, 0, 12] },
      heading: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
      label: { color: '#555555' },
    },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: meta.footer, fontSize: 8, color: '#555555' },
        { text: `${page} / ${pages}`, fontSize: 8, alignment: 'right' },
      ],
      margin: [48, 16, 48, 0],
    }),
    content: [
      { text: meta.title, style: 'title' },
      ...(meta.subtitle ? [{ text: meta.subtitle, style: 'subtitle' }] : []),
      ...content,
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}

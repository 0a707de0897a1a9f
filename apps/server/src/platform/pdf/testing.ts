import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Test helper: what a PDF reader sees — each page's text, and the document's metadata — read with Mozilla's pdf.js. */
export async function readPdf(file: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(file), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const text = await (await doc.getPage(n)).getTextContent();
    pages.push(text.items.map((i) => ('str' in i ? i.str : '')).join(''));
  }
  const info = (await doc.getMetadata()).info as Record<string, unknown>;
  await doc.destroy();
  return { pages, text: pages.join('\n'), info };
}

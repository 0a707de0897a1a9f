import JSZip from 'jszip';
import { isFormulaLike } from './xlsx-write';

export interface FormulaCheck {
  /** cells stored as formulas (`<f>`), as `sheet!A1` */
  formulas: string[];
  /** text cells that start like a formula but whose style lacks quotePrefix */
  unprotected: string[];
  /** every formula-like text, by `sheet!A1`, as stored */
  formulaLikeTexts: Record<string, string>;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
const textOf = (xml: string) => unescapeXml([...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => m[1]).join(''));

/**
 * Reads a produced XLSX at the XML level (tests only): which cells are formulas, and which formula-like texts
 * would turn into formulas when edited (no quotePrefix on their style).
 */
export async function checkFormulaSafety(buf: Buffer | Uint8Array): Promise<FormulaCheck> {
  const zip = await JSZip.loadAsync(buf);
  const styles = (await zip.file('xl/styles.xml')?.async('string')) ?? '';
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const quoted = [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => /\squotePrefix="(1|true)"/.test(m[0]));
  const sharedXml = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]!));
  const out: FormulaCheck = { formulas: [], unprotected: [], formulaLikeTexts: {} };
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const sheet = name.slice('xl/worksheets/'.length, -'.xml'.length);
    const xml = await zip.file(name)!.async('string');
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = m[1]!;
      const body = m[2] ?? '';
      const ref = `${sheet}!${/\sr="([A-Z]+\d+)"/.exec(attrs)?.[1] ?? '?'}`;
      if (/<f[\s>/]/.test(body)) out.formulas.push(ref);
      const type = /\st="([^"]+)"/.exec(attrs)?.[1];
      const text =
        type === 's'
          ? shared[Number(/<v>(\d+)<\/v>/.exec(body)?.[1])]
          : type === 'inlineStr'
            ? textOf(body)
            : type === 'str'
              ? unescapeXml(/<v>([^<]*)<\/v>/.exec(body)?.[1] ?? '')
              : undefined;
      if (!isFormulaLike(text)) continue;
      out.formulaLikeTexts[ref] = text;
      if (!quoted[Number(/\ss="(\d+)"/.exec(attrs)?.[1] ?? 0)]) out.unprotected.push(ref);
    }
  }
  return out;
}

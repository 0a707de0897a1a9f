import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkFormulaSafety } from './xlsx-testing';
import { addTextSafeRow, isFormulaLike, protectRow } from './xlsx-write';

/** What an outsider may type into any name, title or comment that ends up in an export. */
export const HOSTILE = ['=HYPERLINK("https://evil.example","x")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(1+1)', '\t=1', '\r=1'];

async function streamed(write: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('s');
  write(ws);
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

describe('formula-safe XLSX cells', () => {
  it('tells formula-like text apart', () => {
    for (const s of HOSTILE) expect(isFormulaLike(s), s).toBe(true);
    for (const v of ['plain', ' =1', '', 42, -1, null, new Date()]) expect(isFormulaLike(v)).toBe(false);
  });

  it('keeps the text exactly, stores no formula, and marks each such cell quotePrefix (in-memory workbook)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    addTextSafeRow(ws, ['plain', ...HOSTILE, 7]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const check = await checkFormulaSafety(buf);
    expect(check.formulas).toEqual([]);
    expect(check.unprotected).toEqual([]);
    expect(Object.values(check.formulaLikeTexts)).toEqual(HOSTILE);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(buf as unknown as ArrayBuffer);
    const row = back.worksheets[0]!.getRow(1);
    expect(row.getCell(1).value).toBe('plain');
    HOSTILE.forEach((s, i) => {
      const cell = row.getCell(i + 2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(s.replace(/\r/g, '\n')); // XML reading turns a bare CR into LF (XML 1.0 §2.11)
      expect((cell.style as { quotePrefix?: boolean }).quotePrefix).toBe(true);
    });
    expect(row.getCell(HOSTILE.length + 2).value).toBe(7);
  });

  it('does the same for streamed sheets, and without it the cells are unprotected', async () => {
    const safe = await checkFormulaSafety(await streamed((ws) => protectRow(ws.addRow(HOSTILE)).commit()));
    expect(safe).toMatchObject({ formulas: [], unprotected: [] });
    const unsafe = await checkFormulaSafety(await streamed((ws) => ws.addRow(HOSTILE).commit()));
    expect(unsafe.unprotected).toHaveLength(HOSTILE.length);
  });
});

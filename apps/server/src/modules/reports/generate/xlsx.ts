import type { Figure } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import { addTextSafeRow } from '../../../platform/files/xlsx-write';

/** The numbers behind figures: one worksheet per figure (its title, the columns, one row per category). */
export async function figuresXlsx(figures: Figure[], lang: 'ja' | 'en', meta: [string, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const used = new Set<string>();
  for (const f of figures) {
    // Sheet names: ≤ 31 characters, no []:*?/\ and unique.
    let name = f.source.replace(/[[\]:*?/\\]/g, '_').slice(0, 28);
    for (let i = 2; used.has(name); i++) name = `${f.source.slice(0, 26)}~${i}`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    addTextSafeRow(ws, [f.title[lang]]).font = { bold: true };
    for (const [k, v] of meta) addTextSafeRow(ws, [k, v]);
    addTextSafeRow(ws, []);
    addTextSafeRow(ws, ['', ...f.columns.map((c) => c.label[lang])]).font = { bold: true };
    for (const r of f.rows) addTextSafeRow(ws, [r.label[lang], ...r.values]);
    ws.getColumn(1).width = 32;
  }
  if (!figures.length) wb.addWorksheet('—');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

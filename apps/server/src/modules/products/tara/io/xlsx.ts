import type { TaraAnalysis, TaraR155Coverage } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import { addTextSafeRow } from '../../../../platform/files/xlsx-write';
import { day, L, type Lang } from './labels';
import { exportRows } from './tables';

/** One sheet per work product (item, assets, damage, threats, attack paths, risks, R155), headers in `lang`. */
export async function taraXlsx(ws: TaraAnalysis, coverage: TaraR155Coverage, lang: Lang, now = new Date()): Promise<Buffer> {
  const t = L[lang];
  const rows = exportRows(ws, coverage, lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  wb.created = now;
  const item = wb.addWorksheet(t.sheets.item);
  const facts: [string, string][] = [
    [t.title, ws.title],
    [t.item.product, `${ws.productCode} ${lang === 'ja' ? ws.productNameJa : ws.productNameEn}`],
    [t.item.release, ws.releaseVersion ?? '—'],
    [t.item.method, String(ws.methodVersion)],
    [t.item.owner, ws.riskOwner?.name ?? '—'],
    [t.item.boundary, ws.boundary ?? ''],
    [t.item.functions, ws.functions ?? ''],
    [t.item.environment, ws.environment ?? ''],
    [t.item.assumptions, ws.assumptions ?? ''],
    [t.item.exported, day(now, lang)],
  ];
  for (const f of facts) addTextSafeRow(item, f);
  item.getColumn(1).width = 24;
  item.getColumn(2).width = 80;
  const sheet = (name: string, header: readonly string[], body: string[][], widths: number[]) => {
    const s = wb.addWorksheet(name.slice(0, 31));
    addTextSafeRow(s, [...header]).font = { bold: true };
    for (const r of body) addTextSafeRow(s, r);
    s.views = [{ state: 'frozen', ySplit: 1 }];
    s.columns.forEach((c, i) => (c.width = widths[i] ?? 16));
  };
  sheet(t.sheets.assets, t.assets, rows.assets, [6, 32, 48, 40]);
  sheet(t.sheets.damages, t.damages, rows.damages, [6, 40, 48, 40, 12]);
  sheet(t.sheets.threats, t.threats, rows.threats, [6, 40, 8, 16, 40, 12, 16, 16, 10, 12]);
  sheet(t.sheets.nodes, t.nodes, rows.nodes, [6, 8, 8, 8, 40, 48, 10, 12]);
  sheet(t.sheets.risks, t.risks, rows.risks, [8, 8, 12, 12, 8, 10, 48, 6, 40, 10, 24]);
  sheet(t.sheets.r155, t.r155, rows.r155, [8, 32, 56, 14, 16, 48]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

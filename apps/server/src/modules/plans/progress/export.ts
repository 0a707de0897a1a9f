import { fiscalYearLabel } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import { addTextSafeRow } from '../../../platform/files/xlsx-write';
import type { Ctx } from '../../../platform/tx';
import { lateUnits, planProgress } from './rollup';

type Lang = 'ja' | 'en';

const L = {
  ja: {
    activity: '活動別',
    site: '事業場別',
    late: '遅延組織',
    columns: ['名称', '対象', '完了', '遅延', '完了率'],
    lateColumns: ['組織', '事業場', '遅延件数', '最も古い期限'],
    total: '合計',
  },
  en: {
    activity: 'By activity',
    site: 'By site',
    late: 'Late units',
    columns: ['Name', 'Tasks', 'Done', 'Late', 'Completion'],
    lateColumns: ['Unit', 'Site', 'Late tasks', 'Oldest due date'],
    total: 'Total',
  },
} as const;

/** Plan versus actual of a fiscal year, in the reader's scope, as a workbook: by activity, by site, late units. */
export async function progressXlsx(ctx: Ctx, fiscalYear: number, lang: Lang, now = new Date()) {
  const t = L[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const rate = (done: number, total: number) => (total ? done / total : 0);
  for (const by of ['activity', 'site'] as const) {
    const p = await planProgress(ctx, { fiscalYear, by }, now);
    const ws = wb.addWorksheet(t[by]);
    addTextSafeRow(ws, [`${fiscalYearLabel(fiscalYear, lang)} — ${t[by]}`]).font = { bold: true };
    addTextSafeRow(ws, []);
    addTextSafeRow(ws, [...t.columns]).font = { bold: true };
    for (const r of p.rows) addTextSafeRow(ws, [r.name[lang], r.total, r.done, r.late, rate(r.done, r.total)]);
    addTextSafeRow(ws, [t.total, p.totals.total, p.totals.done, p.totals.late, rate(p.totals.done, p.totals.total)]).font = {
      bold: true,
    };
    ws.getColumn(5).numFmt = '0.0%';
    ws.columns.forEach((c, i) => (c.width = [44, 10, 10, 10, 12][i] ?? 12));
  }
  const late = await lateUnits(ctx, { fiscalYear, limit: 500 }, now);
  const ws = wb.addWorksheet(t.late);
  addTextSafeRow(ws, [...t.lateColumns]).font = { bold: true };
  for (const r of late.items) addTextSafeRow(ws, [r.unit.name[lang], r.site?.name[lang] ?? '', r.late, r.oldestDue]);
  ws.columns.forEach((c, i) => (c.width = [40, 30, 12, 16][i] ?? 12));
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  return { file, name: `plan-progress-fy${fiscalYear}.xlsx` };
}

import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { and } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { addTextSafeRow, isFormulaLike } from '../../../platform/files/xlsx-write';
import { effectiveSetting } from '../../../platform/settings/effective';
import type { Ctx } from '../../../platform/tx';
import { classificationSetting, customFieldsSetting } from '../classification/settings';
import { exportColumns, KIND_LABELS, NO, YES, type Lang } from './columns';
import { ledgerWhere, type LedgerFilters } from './list';
import { afterKey, ledgerKey, ledgerOrder, type LedgerKey } from './order';
import { selectLedger, type LedgerRow } from './present';

const BATCH = 2000;
/** An export holds at most this many assets (a unit's ledger; the group's is exported unit by unit). */
export const EXPORT_MAX_ROWS = 200_000;

interface Table {
  headers: string[];
  classNames: string[];
  kindNames: string[];
  rows: AsyncGenerator<string[]>;
}

/** The rows the reader sees with the list's filters, as texts in the reader's language, read in keyset batches. */
async function ledgerTable(ctx: Ctx, q: LedgerFilters & { unitId: string }, lang: Lang): Promise<Table> {
  const scheme = (await effectiveSetting(ctx.db, classificationSetting, q.unitId)).value;
  const fields = (await effectiveSetting(ctx.db, customFieldsSetting, q.unitId)).value;
  const columns = exportColumns(lang, fields);
  const className = new Map(scheme.classes.map((c) => [c.code, lang === 'ja' ? c.nameJa : c.nameEn]));
  const where = await ledgerWhere(ctx.db, ctx, q);
  const text = (r: LedgerRow): string[] => {
    const a = r.asset;
    const values: Record<string, string> = {
      id: a.id,
      unit_code: r.unitCode,
      name: a.name,
      kind: KIND_LABELS[a.kind][lang],
      owner: r.employeeNo,
      class: className.get(a.classCode) ?? a.classCode,
      confidentiality: String(a.confidentiality),
      integrity: String(a.integrity),
      availability: String(a.availability),
      location: a.location,
      personal_data: a.personalData ? YES[lang] : NO[lang],
      personal_categories: a.personalCategories.join('; '),
      retention: a.retention,
      disposal: a.disposal,
      original_id: a.originalId ?? '',
    };
    for (const f of fields) {
      const v = a.custom[f.key];
      values[`custom.${f.key}`] = v === undefined || v === null ? '' : String(v);
    }
    return columns.map((c) => values[c.key] ?? '');
  };
  async function* rows() {
    let after: LedgerKey | null = null;
    for (let n = 0; n < EXPORT_MAX_ROWS; n += BATCH) {
      const page: LedgerRow[] = await selectLedger(ctx.db)
        .where(after ? and(where, afterKey(after)) : where)
        .orderBy(...ledgerOrder)
        .limit(BATCH);
      for (const r of page) yield text(r);
      if (page.length < BATCH) return;
      const last = page[page.length - 1]!.asset;
      after = ledgerKey(last);
      await yieldToLoop();
    }
  }
  return {
    headers: columns.map((c) => c.header),
    classNames: scheme.classes.map((c) => (lang === 'ja' ? c.nameJa : c.nameEn)),
    kindNames: Object.values(KIND_LABELS).map((k) => k[lang]),
    rows: rows(),
  };
}

const colLetter = (n: number) => {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
};

/**
 * The ledger as XLSX (platform/files/xlsx-write.ts: no text becomes a formula): headers in the reader's language,
 * the class and kind columns as validated drop-down lists (the lists on a hidden sheet), custom fields as columns.
 */
export async function exportLedgerXlsx(ctx: Ctx, q: LedgerFilters & { unitId: string }, lang: Lang): Promise<Buffer> {
  const table = await ledgerTable(ctx, q, lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const ws = wb.addWorksheet(lang === 'ja' ? '情報資産台帳' : 'Asset ledger', { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = wb.addWorksheet('lists', { state: 'hidden' });
  table.classNames.forEach((n, i) => (lists.getCell(i + 1, 1).value = n));
  table.kindNames.forEach((n, i) => (lists.getCell(i + 1, 2).value = n));
  addTextSafeRow(ws, table.headers).font = { bold: true };
  let n = 1;
  for await (const row of table.rows) {
    addTextSafeRow(ws, row);
    n++;
  }
  const last = Math.max(n + 1000, 2000); // room to add assets in the file
  // exceljs writes a range-wide validation (one <dataValidation sqref="F2:F2000">) but does not declare it in its types
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  const validate = (col: number, list: string) =>
    validations.add(`${colLetter(col)}2:${colLetter(col)}${last}`, {
      type: 'list',
      allowBlank: false,
      formulae: [list],
      showErrorMessage: true,
      errorTitle: lang === 'ja' ? '一覧から選んでください' : 'Choose from the list',
      error: lang === 'ja' ? '一覧にない値は取り込めません。' : 'A value not in the list cannot be imported.',
    });
  validate(6, `lists!$A$1:$A$${table.classNames.length}`);
  validate(4, `lists!$B$1:$B$${table.kindNames.length}`);
  ws.columns.forEach((c, i) => (c.width = i === 0 || i === 14 ? 38 : 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvCell = (v: string) => {
  // A text a spreadsheet would read as a formula is written with a leading apostrophe (the import drops it).
  const safe = isFormulaLike(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The same rows as CSV (UTF-8 with a BOM, so Excel reads the Japanese). */
export async function exportLedgerCsv(ctx: Ctx, q: LedgerFilters & { unitId: string }, lang: Lang): Promise<string> {
  const table = await ledgerTable(ctx, q, lang);
  const lines = [table.headers.map(csvCell).join(',')];
  for await (const row of table.rows) lines.push(row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

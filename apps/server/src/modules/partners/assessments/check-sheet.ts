import ExcelJS from 'exceljs';
import type { Language } from '@mamori/contracts';
import { AppError, fieldError, msg, type FieldError } from '../../../platform/errors/app-error';
import { addTextSafeRow } from '../../../platform/files/xlsx-write';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { partnerScope } from '../access';
import { answerable, checkAnswers, writeAnswers } from './answers';
import { getAssessment, loadAssessment } from './assessments';
import { conflict, refuseWith, unprocessable } from '../errors';
import type { AnswerValue } from './scoring';
import { readXlsx, textAt, XLSX_TYPE } from '../../../platform/files/xlsx';
import { sheetStatusName } from '../status-names';

/**
 * The check sheet as a workbook to fill offline. A very hidden sheet `_mamori` carries the assessment id
 * and catalogue version; the upload must match both. Columns: id, group, requirement, answer, reason, comment.
 */
export { XLSX_TYPE } from '../../../platform/files/xlsx';
const META = '_mamori';
const FORMAT = 'mamori-partner-check-sheet/1';

const LABELS: Record<Language, Record<AnswerValue, string>> = {
  ja: { implemented: '実施している', partly: '一部実施', not_implemented: '実施していない', not_applicable: '該当しない' },
  en: { implemented: 'Implemented', partly: 'Partly', not_implemented: 'Not implemented', not_applicable: 'Not applicable' },
};
const HEADERS: Record<Language, string[]> = {
  ja: ['ID', '区分', '要求事項', '回答', '該当しない理由', 'コメント'],
  en: ['ID', 'Group', 'Requirement', 'Answer', 'Reason if not applicable', 'Comment'],
};
/** Any label of either language, or the code itself, is accepted back. */
const VALUE_OF = new Map<string, AnswerValue>(
  (['ja', 'en'] as const).flatMap((l) =>
    (Object.entries(LABELS[l]) as [AnswerValue, string][]).flatMap(([v, label]) => [
      [label.toLowerCase(), v],
      [v, v],
    ]),
  ),
);

export async function checkSheetXlsx(ctx: Ctx, id: string, lang: Language): Promise<Buffer> {
  const a = await getAssessment(ctx, id);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const ws = wb.addWorksheet(lang === 'ja' ? 'チェックシート' : 'Check sheet', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [12, 8, 80, 18, 30, 40].map((width, i) => ({ header: HEADERS[lang][i], width }));
  ws.getRow(1).font = { bold: true };
  const labels = Object.values(LABELS[lang]);
  for (const item of a.items) {
    const text = item.stem ? `${item.stem[lang]}\n${item.text[lang]}` : item.text[lang];
    const row = addTextSafeRow(ws, [
      item.requirementId,
      `(${item.group})`,
      text,
      item.value ? LABELS[lang][item.value] : '',
      item.reason ?? '',
      item.comment ?? '',
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(4).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${labels.join(',')}"`] };
  }
  const meta = wb.addWorksheet(META, { state: 'veryHidden' });
  for (const r of [
    ['format', FORMAT],
    ['assessmentId', a.id],
    ['catalogVersion', a.catalogVersion],
  ])
    addTextSafeRow(meta, r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads an uploaded check sheet and applies its answers — all of them, or none when any row is wrong (each
 * bad row named `row N.column`). Blank answers leave the requirement as it was.
 */
export async function uploadCheckSheet(ctx: Ctx, id: string, body: unknown, contentType: string | undefined) {
  const scope = partnerScope(ctx, 'partner-portal:answer');
  const current = await loadAssessment(ctx.db, scope, id);
  if (!answerable(current)) throw conflict(msg('partner.sheet_not_open', { status: sheetStatusName(current.status) }));
  if (!Buffer.isBuffer(body) || !contentType?.startsWith(XLSX_TYPE))
    throw new AppError('unsupported-media-type', msg('partner.upload_xlsx', { type: XLSX_TYPE }));
  const sheets = await readXlsx(body);
  const meta = sheets.find((w) => w.name === META);
  const metaValue = (key: string) => {
    let v: string | null = null;
    for (const r of meta?.rows.values() ?? []) if (textAt(r, 1) === key) v = textAt(r, 2);
    return v as string | null;
  };
  if (!meta || metaValue('format') !== FORMAT) throw unprocessable(msg('partner.sheet.not_mamori'));
  if (metaValue('assessmentId') !== id) throw unprocessable(msg('partner.sheet.other_assessment'));
  if (Number(metaValue('catalogVersion')) !== current.catalogVersion)
    throw unprocessable(
      msg('partner.sheet.catalog_version', { made: metaValue('catalogVersion') ?? '?', uses: current.catalogVersion }),
    );

  const sheet = sheets.find((w) => w.name !== META);
  if (!sheet) throw unprocessable(msg('partner.sheet.no_page'));
  const answers: { requirementId: string; value: AnswerValue; reason: string | null; comment: string | null }[] = [];
  const rowOf: number[] = [];
  const errors: FieldError[] = [];
  sheet.rows.forEach((row, n) => {
    if (n === 1) return;
    const rid = textAt(row, 1);
    const raw = textAt(row, 4);
    if (!rid && !raw) return;
    if (!raw) return; // not answered yet: left as it is
    const value = VALUE_OF.get(raw.toLowerCase());
    if (!value) {
      // the choices in the reader's language, as the sheet's drop-down shows them
      errors.push(
        fieldError(`row ${n}.answer`, 'partner.sheet.answer_not_a_choice', {
          value: raw.slice(0, 40),
          choices: { ja: Object.values(LABELS.ja).join('、'), en: Object.values(LABELS.en).join(', ') },
        }),
      );
      return;
    }
    answers.push({
      requirementId: rid,
      value,
      reason: textAt(row, 5) || null,
      comment: textAt(row, 6) || null,
    });
    rowOf.push(n);
  });
  const fields: Record<string, string> = { requirementId: 'id', value: 'answer', reason: 'reason' };
  errors.push(...checkAnswers(current, answers, (i, f) => `row ${rowOf[i]}.${fields[f] ?? f}`));
  errors.sort((x, y) => Number(/\d+/.exec(x.path)![0]) - Number(/\d+/.exec(y.path)![0]));
  refuseWith(errors, 'workbook');
  await inTransaction(ctx, async (tx, audit) => {
    const a = await loadAssessment(tx, scope, id, true);
    if (answers.length) await writeAnswers(tx, audit, a, answers, ctx.actor.userId);
  });
  return { applied: answers.length, unchanged: current.requirementIds.length - answers.length };
}

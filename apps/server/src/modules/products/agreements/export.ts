import type { AgreementDetail } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import type { Content } from 'pdfmake/interfaces';
import { recordRead } from '../../../platform/audit/record';
import { XLSX_TYPE } from '../../../platform/files/xlsx';
import { addTextSafeRow } from '../../../platform/files/xlsx-write';
import { facts, renderPdf, section } from '../../../platform/pdf/render';
import type { Ctx } from '../../../platform/tx';
import { getAgreement } from './agreements';
import { activityCatalog } from './catalog';
import { L, letters, summaryRows, type Lang } from './labels';

/** The matrix and contact rows in the reader's language (activity names from the catalogue). */
function rows(a: AgreementDetail, lang: Lang) {
  const byCode = new Map(activityCatalog().activities.map((c) => [c.code, c]));
  const matrix = a.activities.map((r) => {
    const c = byCode.get(r.activity);
    return [c?.[lang] ?? r.activity, c?.clause ?? '', letters(r.own), letters(r.counterpart), r.note ?? ''];
  });
  const contacts = a.contacts.map((c) => [L[lang].parties[c.party], c.role, c.name, c.email ?? '', c.phone ?? '']);
  return { matrix, contacts };
}

export async function agreementXlsx(a: AgreementDetail, lang: Lang, now: Date): Promise<Buffer> {
  const t = L[lang];
  const { matrix, contacts } = rows(a, lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  wb.created = now;
  const summary = wb.addWorksheet(t.sheets.summary);
  addTextSafeRow(summary, [t.title]).font = { bold: true };
  for (const r of summaryRows(a, lang, now)) addTextSafeRow(summary, r);
  summary.getColumn(1).width = 26;
  summary.getColumn(2).width = 80;
  const sheet = (name: string, header: readonly string[], body: string[][], widths: number[]) => {
    const s = wb.addWorksheet(name);
    addTextSafeRow(s, [...header]).font = { bold: true };
    for (const r of body) addTextSafeRow(s, r);
    s.views = [{ state: 'frozen', ySplit: 1 }];
    s.columns.forEach((c, i) => (c.width = widths[i] ?? 16));
    return s;
  };
  const m = sheet(t.sheets.matrix, t.matrix, matrix, [48, 16, 14, 14, 48]);
  addTextSafeRow(m, []);
  addTextSafeRow(m, [t.legend]);
  sheet(t.sheets.contacts, t.contacts, contacts, [12, 28, 28, 32, 18]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const table = (header: readonly string[], body: string[][], widths: (number | '*')[]): Content => ({
  table: { headerRows: 1, widths, body: [header.map((h) => ({ text: h, style: 'label' })), ...body] },
  layout: 'lightHorizontalLines',
  fontSize: 8,
  margin: [0, 0, 0, 8],
});

export function agreementPdf(a: AgreementDetail, lang: Lang, now: Date): Promise<Buffer> {
  const t = L[lang];
  const { matrix, contacts } = rows(a, lang);
  return renderPdf(
    { title: t.title, subtitle: `${a.programme} — ${a.counterpartName}`, footer: t.footer, lang, createdAt: now },
    [
      facts(summaryRows(a, lang, now)),
      ...section(t.sheets.matrix, table(t.matrix, matrix, ['*', 50, 45, 45, 120])),
      { text: t.legend, fontSize: 8, margin: [0, 0, 0, 8] },
      ...section(t.sheets.contacts, table(t.contacts, contacts, [45, 80, '*', 110, 60])),
    ],
  );
}

const fileName = (a: AgreementDetail, ext: string) =>
  `interface-agreement-${`${a.productCode}-${a.programme}`.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80)}.${ext}`;

/** The agreement as the file the customer receives, in ja or en; audited as a read (who took it out, in which form). */
export async function exportAgreement(ctx: Ctx, id: string, format: 'xlsx' | 'pdf', lang: Lang, now = new Date()) {
  const a = await getAgreement(ctx, id);
  const file = format === 'xlsx' ? await agreementXlsx(a, lang, now) : await agreementPdf(a, lang, now);
  await recordRead(ctx.db, ctx.actor, {
    action: 'interface_agreement.export',
    targetType: 'interface_agreement',
    targetId: id,
    detail: { format, lang },
  });
  return { file, type: format === 'xlsx' ? XLSX_TYPE : 'application/pdf', name: fileName(a, format) };
}

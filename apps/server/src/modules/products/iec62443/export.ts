import type { Iec62443Assessment, Iec62443Link } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import { recordRead } from '../../../platform/audit/record';
import { XLSX_TYPE } from '../../../platform/files/xlsx';
import { addTextSafeRow } from '../../../platform/files/xlsx-write';
import type { Ctx } from '../../../platform/tx';
import { getAssessment } from './assessments';
import { iec62443Catalog, requirementsOf } from './catalog';
import { inTarget } from './derive';

type Lang = 'ja' | 'en';

const L = {
  ja: {
    sheets: { summary: '概要', requirements: '4-2 コンポーネント要件', practices: '4-1 プラクティス' },
    title: 'IEC 62443 評価',
    product: '製品',
    type: 'コンポーネント種別',
    note: '備考',
    exported: '出力日',
    frHeader: [
      '基本要件',
      '名称',
      'SL-T（目標）',
      'SL-C（達成）',
      '対象要件数',
      '適合',
      '一部適合',
      '不適合',
      '適用外',
      '未評価',
    ],
    reqHeader: ['FR', '要件', '名称', '要求される SL', '目標内', '状態', '適用外の理由', '証跡', 'リンク', '担当者'],
    practiceHeader: ['プラクティス', '名称', '成熟度', '成熟度の名称', '証跡', 'リンク', '担当者'],
    status: { met: '適合', partly: '一部適合', not_met: '不適合', not_applicable: '適用外', open: '未評価' },
    yes: 'はい',
    no: 'いいえ',
    caveat: '要件の要約は当グループの言葉によるもので、規格の本文ではありません。',
  },
  en: {
    sheets: { summary: 'Summary', requirements: '4-2 Component requirements', practices: '4-1 Practices' },
    title: 'IEC 62443 assessment',
    product: 'Product',
    type: 'Component type',
    note: 'Note',
    exported: 'Exported on',
    frHeader: [
      'FR',
      'Name',
      'SL-T (target)',
      'SL-C (achieved)',
      'Requirements in target',
      'Met',
      'Partly',
      'Not met',
      'Not applicable',
      'Open',
    ],
    reqHeader: [
      'FR',
      'Requirement',
      'Title',
      'Required from SL',
      'In target',
      'Status',
      'Reason not applicable',
      'Evidence',
      'Links',
      'Owner',
    ],
    practiceHeader: ['Practice', 'Name', 'Maturity level', 'Level name', 'Evidence', 'Links', 'Owner'],
    status: { met: 'met', partly: 'partly met', not_met: 'not met', not_applicable: 'not applicable', open: 'open' },
    yes: 'yes',
    no: 'no',
    caveat: "Requirement summaries are in the group's own words, not the standard's text.",
  },
} as const;

const links = (ls: Iec62443Link[]) => ls.map((l) => [l.label, l.url].filter(Boolean).join(' ')).join('\n');

export async function assessmentXlsx(a: Iec62443Assessment, lang: Lang, now: Date): Promise<Buffer> {
  const t = L[lang];
  const cat = iec62443Catalog();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  wb.created = now;
  const sheet = (name: string, header: readonly string[], widths: number[]) => {
    const s = wb.addWorksheet(name);
    addTextSafeRow(s, [...header]).font = { bold: true };
    s.views = [{ state: 'frozen', ySplit: 1 }];
    s.columns.forEach((c, i) => (c.width = widths[i] ?? 16));
    return s;
  };
  const summary = wb.addWorksheet(t.sheets.summary);
  addTextSafeRow(summary, [t.title]).font = { bold: true };
  const typeName = cat.componentTypes.find((c) => c.code === a.componentType)?.[lang] ?? a.componentType;
  addTextSafeRow(summary, [t.product, `${a.productCode} ${lang === 'ja' ? a.productNameJa : a.productNameEn}`]);
  addTextSafeRow(summary, [t.type, typeName]);
  addTextSafeRow(summary, [t.note, a.note ?? '—']);
  addTextSafeRow(summary, [t.exported, now.toISOString().slice(0, 10)]);
  addTextSafeRow(summary, []);
  addTextSafeRow(summary, [...t.frHeader]).font = { bold: true };
  for (const f of a.byFr) {
    const fr = cat.foundationalRequirements.find((x) => x.fr === f.fr)!;
    addTextSafeRow(summary, [
      `FR${f.fr} ${fr.code}`,
      fr[lang],
      f.target,
      f.capability,
      f.inTarget,
      f.met,
      f.partly,
      f.notMet,
      f.notApplicable,
      f.open,
    ]);
  }
  addTextSafeRow(summary, []);
  addTextSafeRow(summary, [t.caveat]);
  summary.getColumn(1).width = 22;
  summary.getColumn(2).width = 40;

  const state = new Map(a.requirements.map((r) => [r.requirementId, r]));
  const reqs = sheet(t.sheets.requirements, t.reqHeader, [6, 16, 44, 10, 8, 14, 36, 48, 36, 20]);
  for (const r of requirementsOf(a.componentType)) {
    const s = state.get(r.id);
    addTextSafeRow(reqs, [
      `FR${r.fr}`,
      r.id,
      r[lang].title,
      String(r.sl),
      inTarget(r, a.slTarget) ? t.yes : t.no,
      t.status[s?.status ?? 'open'],
      s?.reason ?? '',
      s?.evidence ?? '',
      links(s?.links ?? []),
      s?.ownerName ?? '',
    ]);
  }
  const levels = new Map(cat.maturityLevels.map((m) => [m.level, m[lang].name]));
  const practiceState = new Map(a.practices.map((p) => [p.practice, p]));
  const practices = sheet(t.sheets.practices, t.practiceHeader, [10, 36, 10, 20, 60, 36, 20]);
  for (const p of cat.practices) {
    const s = practiceState.get(p.code);
    addTextSafeRow(practices, [
      p.code,
      p[lang],
      s ? String(s.level) : '',
      s ? (levels.get(s.level) ?? '') : '',
      s?.evidence ?? '',
      links(s?.links ?? []),
      s?.ownerName ?? '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The assessment as a workbook in ja or en; audited as a read (it tells where a product is weakest). */
export async function exportAssessment(ctx: Ctx, productId: string, lang: Lang, now = new Date()) {
  const a = await getAssessment(ctx, productId);
  const file = await assessmentXlsx(a, lang, now);
  await recordRead(ctx.db, ctx.actor, {
    action: 'iec62443.export',
    targetType: 'product',
    targetId: productId,
    detail: { format: 'xlsx', lang },
  });
  const safe = a.productCode.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  return { file, type: XLSX_TYPE, name: `iec62443-${safe}.xlsx` };
}

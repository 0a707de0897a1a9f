import type { SoaVersion } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import type { Content } from 'pdfmake/interfaces';
import { addTextSafeRow } from '../../platform/files/xlsx-write';
import { facts, renderPdf } from '../../platform/pdf/render';
import type { Ctx } from '../../platform/tx';
import { controlInfo } from './service';
import { getVersion } from './soa-read';

type Lang = 'ja' | 'en';

const L = {
  ja: {
    title: '適用宣言書',
    footer: '社外秘 — 情報セキュリティマネジメントシステム文書',
    scope: '適用範囲',
    version: '版',
    status: '状態',
    approver: '承認者',
    approvedAt: '承認日',
    exported: '出力日',
    statuses: { draft: '作成中', review: '承認待ち', approved: '承認済み' },
    impl: { not_started: '未着手', partial: '一部実施', implemented: '実施済み' },
    applicable: { yes: '適用', no: '除外', null: '未決定' },
    columns: ['管理策', '名称', '適用', '理由', '実施状況', '関連規程'],
    themes: { organizational: '組織的', people: '人的', physical: '物理的', technological: '技術的' },
    theme: 'テーマ',
    evidence: '証跡',
  },
  en: {
    title: 'Statement of Applicability',
    footer: 'Internal use only — ISMS document',
    scope: 'Scope',
    version: 'Version',
    status: 'Status',
    approver: 'Approved by',
    approvedAt: 'Approved on',
    exported: 'Exported on',
    statuses: { draft: 'Draft', review: 'In review', approved: 'Approved' },
    impl: { not_started: 'Not started', partial: 'Partial', implemented: 'Implemented' },
    applicable: { yes: 'Applicable', no: 'Excluded', null: 'Undecided' },
    columns: ['Control', 'Title', 'Applies', 'Justification', 'Implementation', 'Policies'],
    themes: { organizational: 'Organizational', people: 'People', physical: 'Physical', technological: 'Technological' },
    theme: 'Theme',
    evidence: 'Evidence',
  },
} as const;

const day = (iso: string | null, lang: Lang) =>
  iso ? new Date(iso).toLocaleDateString(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo' }) : '—';

function rows(v: SoaVersion, lang: Lang): string[][] {
  const t = L[lang];
  return v.entries.map((e) => [
    e.controlId,
    controlInfo(e.controlId)?.title[lang] ?? e.controlId,
    t.applicable[e.applicable === null ? 'null' : e.applicable ? 'yes' : 'no'],
    e.justification,
    e.applicable === false ? '—' : t.impl[e.status],
    e.policies.join(', '),
  ]);
}

function header(v: SoaVersion, lang: Lang): [string, string][] {
  const t = L[lang];
  return [
    [t.scope, v.scope.name[lang]],
    [t.version, String(v.number)],
    [t.status, t.statuses[v.status]],
    [t.approver, v.approvedBy?.name ?? '—'],
    [t.approvedAt, day(v.approvedAt, lang)],
  ];
}

const fileName = (v: SoaVersion, ext: string) => `soa-v${v.number}.${ext}`;

export async function soaPdf(ctx: Ctx, id: string, number: number, lang: Lang, now = new Date()) {
  const v = await getVersion(ctx, id, number);
  const t = L[lang];
  const table: Content = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [26, 130, 44, '*', 56, 60],
      body: [t.columns.map((h) => ({ text: h, style: 'label' })), ...rows(v, lang)],
    },
    layout: 'lightHorizontalLines',
    fontSize: 8,
  };
  const file = await renderPdf(
    { title: t.title, subtitle: `${v.scope.name[lang]} — ${t.version} ${v.number}`, footer: t.footer, lang, createdAt: now },
    [facts(header(v, lang)), table],
  );
  return { file, name: fileName(v, 'pdf') };
}

export async function soaXlsx(ctx: Ctx, id: string, number: number, lang: Lang) {
  const v = await getVersion(ctx, id, number);
  const t = L[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const ws = wb.addWorksheet(t.title.slice(0, 31));
  for (const [k, val] of header(v, lang)) addTextSafeRow(ws, [k, val]);
  addTextSafeRow(ws, []);
  const head = addTextSafeRow(ws, [...t.columns, t.theme, t.evidence]);
  head.font = { bold: true };
  for (const [i, r] of rows(v, lang).entries()) {
    const e = v.entries[i]!;
    const theme = controlInfo(e.controlId)?.theme;
    addTextSafeRow(ws, [...r, theme ? t.themes[theme] : '', e.evidence.map((f) => f.name).join(', ')]);
  }
  ws.columns.forEach((c, i) => (c.width = [10, 40, 12, 60, 14, 30, 14, 30][i] ?? 20));
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  return { file, name: fileName(v, 'xlsx') };
}

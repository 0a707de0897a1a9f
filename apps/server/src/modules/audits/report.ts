import ExcelJS from 'exceljs';
import type { Content } from 'pdfmake/interfaces';
import { fiscalYearLabel } from '@mamori/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { addTextSafeRow } from '../../platform/files/xlsx-write';
import { facts, renderPdf, section } from '../../platform/pdf/render';
import type { Ctx } from '../../platform/tx';
import { myAuditorId, visibleAuditSql } from './access';
import { getAudit } from './audit-read';
import { findingsOfAudits } from './findings';
import { loadProgramme } from './programmes';
import { auditProgrammeSummary } from './summary';
import { internalAudits } from './tables';

type Lang = 'ja' | 'en';

const L = {
  ja: {
    report: '内部監査報告書',
    summary: '内部監査プログラム 実施結果',
    footer: '社外秘 — 内部監査記録',
    unit: '被監査部門',
    period: '監査期間',
    mode: '実施形態',
    modes: { on_site: '現地', remote: 'リモート' },
    lead: '監査リーダー',
    co: '監査員',
    state: '状態',
    states: { planned: '計画', in_progress: '実施中', reported: '報告済み', closed: '完了' },
    scope: '監査範囲',
    conclusion: '総合所見',
    interviews: '面談',
    checklist: 'チェックリスト結果',
    results: { conforming: '適合', nonconforming: '不適合', observation: '観察事項', na: '対象外', none: '未記入' },
    findings: '指摘事項',
    none: 'なし',
    types: { major: '重大な不適合', minor: '軽微な不適合', observation: '観察事項', good_practice: '良好事例' },
    findingStates: { open: '回答待ち', answered: '是正中', closed: '完了', noted: '記録のみ' },
    cols: ['No.', '区分', '根拠', '内容', '状態', '期限'],
    xcols: ['部門', '監査期間', 'No.', '区分', '根拠', '内容', '状態', '期限', '根本原因', '是正処置', '担当', '有効性確認'],
    audits: '監査件数',
    open: '未完了の不適合',
    overdue: '期限超過',
  },
  en: {
    report: 'Internal audit report',
    summary: 'Internal audit programme results',
    footer: 'Internal use only — internal audit record',
    unit: 'Audited unit',
    period: 'Audit period',
    mode: 'Mode',
    modes: { on_site: 'On site', remote: 'Remote' },
    lead: 'Lead auditor',
    co: 'Auditors',
    state: 'State',
    states: { planned: 'Planned', in_progress: 'In progress', reported: 'Reported', closed: 'Closed' },
    scope: 'Scope',
    conclusion: 'Conclusion',
    interviews: 'Interviews',
    checklist: 'Checklist results',
    results: {
      conforming: 'Conforming',
      nonconforming: 'Nonconforming',
      observation: 'Observation',
      na: 'N/A',
      none: 'Not recorded',
    },
    findings: 'Findings',
    none: 'None',
    types: {
      major: 'Major nonconformity',
      minor: 'Minor nonconformity',
      observation: 'Observation',
      good_practice: 'Good practice',
    },
    findingStates: { open: 'Awaiting answer', answered: 'Action under way', closed: 'Closed', noted: 'Noted' },
    cols: ['No.', 'Type', 'Reference', 'Statement', 'State', 'Due'],
    xcols: [
      'Unit',
      'Audit period',
      'No.',
      'Type',
      'Reference',
      'Statement',
      'State',
      'Due',
      'Root cause',
      'Action plan',
      'Owner',
      'Effectiveness check',
    ],
    audits: 'Audits',
    open: 'Open nonconformities',
    overdue: 'Overdue',
  },
} as const;

const refText = (kind: string, ref: string) => (kind === 'control' ? `A.${ref}` : ref);

/** One audit's report (ja or en): facts, scope, conclusion, checklist counts, interviews and the findings. */
export async function auditReportPdf(ctx: Ctx, id: string, lang: Lang, now = new Date()) {
  const a = await getAudit(ctx, id);
  const t = L[lang];
  const findings = await findingsOfAudits(ctx.db, [id]);
  const counts = new Map<string, number>();
  for (const i of a.checklist) counts.set(i.result ?? 'none', (counts.get(i.result ?? 'none') ?? 0) + 1);
  const content: Content[] = [
    facts([
      [t.unit, a.unit.name[lang]],
      [t.period, `${a.plannedFrom} – ${a.plannedTo}`],
      [t.mode, t.modes[a.mode]],
      [t.lead, a.lead.name[lang]],
      [t.co, a.coAuditors.map((c) => c.name[lang]).join(', ')],
      [t.state, t.states[a.state]],
    ]),
    ...section(t.scope, a.scope || t.none),
    ...section(t.conclusion, a.conclusion || t.none),
    ...section(t.checklist, [...counts].map(([k, n]) => `${t.results[k as keyof typeof t.results]}: ${n}`).join(' / ') || t.none),
    ...section(
      t.interviews,
      a.interviews.length
        ? { ul: a.interviews.map((i) => `${i.heldOn} ${i.name}${i.role ? ` (${i.role})` : ''}: ${i.notes}`) }
        : t.none,
    ),
    ...section(
      t.findings,
      findings.length
        ? {
            table: {
              headerRows: 1,
              widths: [22, 70, 44, '*', 56, 56],
              body: [
                t.cols.map((h) => ({ text: h, style: 'label' })),
                ...findings.map(({ f }) => [
                  String(f.number),
                  t.types[f.type],
                  refText(f.referenceKind, f.reference),
                  f.statement,
                  t.findingStates[f.state],
                  f.dueDate ?? '—',
                ]),
              ],
            },
            layout: 'lightHorizontalLines',
            fontSize: 8,
          }
        : t.none,
    ),
  ];
  const file = await renderPdf(
    {
      title: t.report,
      subtitle: `${a.unit.name[lang]} — ${fiscalYearLabel(a.fiscalYear, lang)}`,
      footer: t.footer,
      lang,
      createdAt: now,
    },
    content,
  );
  return { file, name: `internal-audit-${a.plannedFrom}.pdf` };
}

/** The programme's results for the CISO: counts, then every finding of the audits the reader may see. */
async function programmeData(ctx: Ctx, id: string) {
  const p = await loadProgramme(ctx.db, ctx, id);
  const me = await myAuditorId(ctx.db, ctx.principal);
  const audits = await ctx.db
    .select()
    .from(internalAudits)
    .where(and(eq(internalAudits.programmeId, id), visibleAuditSql(ctx.principal, me)))
    .orderBy(asc(internalAudits.plannedFrom));
  const byId = new Map(audits.map((a) => [a.id, a]));
  const findings = await findingsOfAudits(ctx.db, [...byId.keys()]);
  const summary = await auditProgrammeSummary(ctx.db, { fiscalYear: p.fiscalYear, unitPath: p.scopePath });
  return { p, byId, findings, summary };
}

export async function programmeXlsx(ctx: Ctx, id: string, lang: Lang) {
  const { p, byId, findings } = await programmeData(ctx, id);
  const t = L[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const ws = wb.addWorksheet(t.findings);
  addTextSafeRow(ws, [`${p.title} (${fiscalYearLabel(p.fiscalYear, lang)})`]);
  const head = addTextSafeRow(ws, [...t.xcols]);
  head.font = { bold: true };
  for (const { f, unitJa, unitEn } of findings) {
    const a = byId.get(f.auditId)!;
    addTextSafeRow(ws, [
      lang === 'ja' ? unitJa : unitEn,
      `${a.plannedFrom} – ${a.plannedTo}`,
      f.number,
      t.types[f.type],
      refText(f.referenceKind, f.reference),
      f.statement,
      t.findingStates[f.state],
      f.dueDate ?? '',
      f.rootCause ?? '',
      f.actionPlan ?? '',
      f.actionOwner ?? '',
      f.effectivenessCheck ?? '',
    ]);
  }
  ws.columns.forEach((c, i) => (c.width = [28, 24, 6, 18, 10, 60, 14, 12, 40, 40, 16, 40][i] ?? 20));
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), name: `internal-audit-findings-fy${p.fiscalYear}.xlsx` };
}

export async function programmePdf(ctx: Ctx, id: string, lang: Lang, now = new Date()) {
  const { p, summary, findings, byId } = await programmeData(ctx, id);
  const t = L[lang];
  const major = findings.filter(({ f }) => f.type === 'major');
  const content: Content[] = [
    facts([
      [
        t.audits,
        `${summary.audits.total} (${t.states.planned} ${summary.audits.planned} / ${t.states.in_progress} ${summary.audits.inProgress} / ${t.states.reported} ${summary.audits.reported} / ${t.states.closed} ${summary.audits.closed})`,
      ],
      [
        t.findings,
        (Object.keys(t.types) as (keyof typeof t.types)[]).map((k) => `${t.types[k]} ${summary.findings[k]}`).join(' / '),
      ],
      [t.open, String(summary.openNonconformities)],
      [t.overdue, String(summary.overdueNonconformities)],
    ]),
    ...section(
      t.types.major,
      major.length
        ? {
            ul: major.map(
              ({ f, unitJa, unitEn }) =>
                `${lang === 'ja' ? unitJa : unitEn} (${byId.get(f.auditId)!.plannedFrom}) ${refText(f.referenceKind, f.reference)}: ${f.statement} — ${t.findingStates[f.state]}`,
            ),
          }
        : t.none,
    ),
  ];
  const file = await renderPdf(
    { title: t.summary, subtitle: `${p.title} — ${fiscalYearLabel(p.fiscalYear, lang)}`, footer: t.footer, lang, createdAt: now },
    content,
  );
  return { file, name: `internal-audit-programme-fy${p.fiscalYear}.pdf` };
}

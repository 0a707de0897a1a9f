import { localName, type Assessment } from '@mamori/contracts';
import type { Content } from 'pdfmake/interfaces';
import { facts, renderPdf, section } from '../../../platform/pdf/render';
import type { Ctx } from '../../../platform/tx';
import { getAssessment } from './assessments';
import { GROUP_IDS, loadCatalog } from './catalog';

type Lang = 'ja' | 'en';

const L = {
  ja: {
    title: '情報セキュリティ チェックシート評価結果',
    subtitle: (v: number, title: string) => `評価基準: ${title}(第${v}版)`,
    footer: '取扱注意 — 当該取引先と当社の関係者限り',
    partner: '取引先',
    campaign: '調査',
    status: '状況',
    due: '回答期限',
    submitted: '提出日時',
    score: '総合点',
    threshold: '基準点',
    result: '判定',
    pass: '基準以上',
    fail: '基準未満(改善依頼の対象)',
    failCritical: (ids: string) => `不合格: 重要項目が未実施(${ids})。点数にかかわらず改善依頼の対象です`,
    pending: '未確定',
    groups: '分類別の得点',
    group: '分類',
    points: '得点',
    gaps: '実施が十分でない項目',
    none: '該当なし',
    id: '項番',
    requirement: '要求事項',
    answer: '回答',
    critical: '重要',
    formula:
      '得点は、実施=1、一部実施=0.5、未実施=0 に各項目の重みを掛けて合計し、対象外を除いた重みの合計で割って100倍したものです。',
    statuses: { draft: '回答中', submitted: '提出済み', reopened: '再回答中', closed: '完了' },
    values: { implemented: '実施', partly: '一部実施', not_implemented: '未実施', not_applicable: '対象外' },
  },
  en: {
    title: 'Information security check sheet — result',
    subtitle: (v: number, title: string) => `Criteria: ${title} (version ${v})`,
    footer: 'Confidential — for the partner and the group only',
    partner: 'Partner',
    campaign: 'Campaign',
    status: 'Status',
    due: 'Due',
    submitted: 'Submitted',
    score: 'Overall score',
    threshold: 'Threshold',
    result: 'Result',
    pass: 'At or above the threshold',
    fail: 'Below the threshold (improvement requests)',
    failCritical: (ids: string) =>
      `Failed: critical requirement not implemented (${ids}), whatever the score; improvement requests`,
    pending: 'Not yet scored',
    groups: 'Score by group',
    group: 'Group',
    points: 'Score',
    gaps: 'Requirements not fully implemented',
    none: 'None',
    id: 'Item',
    requirement: 'Requirement',
    answer: 'Answer',
    critical: 'critical',
    formula:
      'Each answer counts 1 (implemented), 0.5 (partly) or 0 (not implemented), times the weight of the requirement; the sum is divided by the total weight of the requirements that apply (not applicable left out) and given out of 100.',
    statuses: { draft: 'Being answered', submitted: 'Submitted', reopened: 'Reopened', closed: 'Closed' },
    values: {
      implemented: 'Implemented',
      partly: 'Partly',
      not_implemented: 'Not implemented',
      not_applicable: 'Not applicable',
    },
  },
} as const;

const score = (n: number | null) => (n === null ? '—' : n.toFixed(1));
const when = (iso: string | null, lang: Lang) =>
  iso ? new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo' }) + ' JST' : '—';

/**
 * Why a sheet failed, in words: below the threshold, or a critical requirement answered "not implemented" — a sheet
 * can fail on a critical item at 96.9 points, and "below the threshold" would then be untrue (issue 18).
 */
function failReason(a: Assessment, t: (typeof L)[Lang]): string {
  const critical = a.items.filter((i) => i.critical && i.value === 'not_implemented').map((i) => i.requirementId);
  const below = a.score !== null && a.threshold !== null && a.score < a.threshold;
  if (!critical.length) return t.fail;
  return below ? `${t.fail} / ${t.failCritical(critical.join(', '))}` : t.failCritical(critical.join(', '));
}

/** The result of one check sheet as a PDF the office can send to the partner or file (seed 004: results in numbers). */
export function assessmentReport(a: Assessment, lang: Lang, now = new Date()): Promise<Buffer> {
  const t = L[lang];
  const catalog = loadCatalog(a.catalogVersion);
  const gaps = a.items.filter((i) => i.value === 'partly' || i.value === 'not_implemented' || i.value === null);
  const groupTitle = (g: string) => catalog.file.groups.find((x) => x.id === g)?.title[lang] ?? g;
  const groups: Content = {
    table: {
      headerRows: 1,
      widths: ['*', 60],
      body: [
        [
          { text: t.group, style: 'label' },
          { text: t.points, style: 'label', alignment: 'right' },
        ],
        ...GROUP_IDS.map((g) => [`(${g}) ${groupTitle(g)}`, { text: score(a.scores[g]), alignment: 'right' as const }]),
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 10],
  };
  const gapTable: Content = gaps.length
    ? {
        table: {
          headerRows: 1,
          widths: [50, '*', 80],
          body: [
            [t.id, t.requirement, t.answer].map((h) => ({ text: h, style: 'label' })),
            ...gaps.map((i) => [
              i.requirementId,
              `${i.stem ? `${i.stem[lang]} — ` : ''}${i.text[lang]}${i.critical ? ` [${t.critical}]` : ''}`,
              i.value ? t.values[i.value] : '—',
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      }
    : { text: t.none };
  const result = a.passed === null ? t.pending : a.passed ? t.pass : failReason(a, t);
  return renderPdf(
    {
      title: t.title,
      subtitle: t.subtitle(a.catalogVersion, catalog.file.title[lang]),
      footer: t.footer,
      lang,
      createdAt: now,
    },
    [
      facts([
        [t.partner, localName({ nameJa: a.partnerNameJa, nameEn: a.partnerName }, lang)],
        [t.campaign, a.campaignName],
        [t.status, t.statuses[a.status]],
        [t.due, a.dueOn],
        [t.submitted, when(a.submittedAt, lang)],
        [t.score, score(a.score)],
        [t.threshold, a.threshold === null ? '—' : String(a.threshold)],
        [t.result, result],
      ]),
      ...section(t.groups, groups),
      ...section(t.gaps, gapTable),
      { text: t.formula, fontSize: 8, color: '#555555', margin: [0, 12, 0, 0] },
    ],
  );
}

/** Loads the assessment in the reader's scope (404 outside it, partner users only their own) and renders it. */
export async function assessmentReportFor(ctx: Ctx, id: string, lang: Lang) {
  const a = await getAssessment(ctx, id);
  return { file: await assessmentReport(a, lang), name: `check-sheet-result-${a.dueOn}-${lang}.pdf` };
}

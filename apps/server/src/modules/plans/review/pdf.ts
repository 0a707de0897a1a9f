import { fiscalYearLabel, type Review, type ReviewPackSection } from '@mamori/contracts';
import type { Content } from 'pdfmake/interfaces';
import { facts, renderPdf, section } from '../../../platform/pdf/render';
import type { Ctx } from '../../../platform/tx';
import { getReview } from './reviews';

type Lang = 'ja' | 'en';

const L = {
  ja: {
    title: 'マネジメントレビュー資料',
    footer: '社外秘 — 情報セキュリティマネジメントシステム文書',
    fiscalYear: '対象年度',
    heldOn: '実施日',
    status: '状態',
    statuses: { preparation: '準備中', done: '実施済み' },
    assembled: '資料作成日時',
    attendees: '出席者',
    notAvailable: 'まだ利用できません(この領域は準備中です)',
    notAssembled: '資料はまだ作成されていません。',
    decisions: '決定事項',
    actions: '処置事項',
    actionCols: ['内容', '担当', '期限', '状態'],
    actionStatus: { open: '未完了', done: '完了', dropped: '取りやめ' },
    sections: {
      previousActions: '前回レビューの処置事項の状況',
      issues: '内部・外部の課題、利害関係者の要求',
      incidents: 'インシデント・ヒヤリハットの傾向',
      audits: '内部監査の結果',
      planCompletion: '年間活動計画の達成状況',
      risks: 'リスクアセスメントとリスク対応の状況',
      soa: '適用宣言書(管理策)の状況',
      partners: '取引先管理プログラムの結果',
      education: '教育の実施状況',
    },
    k: {
      total: '件数',
      done: '完了',
      open: '未完了',
      internalIssues: '内部の課題',
      externalIssues: '外部の課題',
      interestedParties: '利害関係者の要求',
      incidents: 'インシデント',
      nearMisses: 'ヒヤリハット',
      previousYear: '前年度',
      accepted: '受容',
      overdue: '期限超過',
      applicable: '適用',
      excluded: '除外',
      implemented: '実施済み',
      partial: '一部実施',
      notStarted: '未着手',
      approvedVersion: '承認版',
      assessments: 'チェックシート',
      submitted: '提出',
      passed: '合格',
      failed: '不合格',
      averageScore: '平均点',
      openImprovementRequests: '未完了の改善要請',
      openCriticalRequests: 'うち重要項目',
      month: '月',
      major: '重大な不適合',
      minor: '軽微な不適合',
      openNonconformities: '未是正の不適合',
      rate: '達成率（%）',
    },
  },
  en: {
    title: 'Management review pack',
    footer: 'Internal use only — ISMS document',
    fiscalYear: 'Fiscal year',
    heldOn: 'Held on',
    status: 'Status',
    statuses: { preparation: 'In preparation', done: 'Held' },
    assembled: 'Pack assembled',
    attendees: 'Attendees',
    notAvailable: 'Not available yet (this area is still being built)',
    notAssembled: 'The pack has not been assembled yet.',
    decisions: 'Decisions',
    actions: 'Actions',
    actionCols: ['Action', 'Owner', 'Due', 'Status'],
    actionStatus: { open: 'Open', done: 'Done', dropped: 'Dropped' },
    sections: {
      previousActions: "Status of the previous review's actions",
      issues: "Internal and external issues, interested parties' requirements",
      incidents: 'Incident and near-miss trends',
      audits: 'Internal audit results',
      planCompletion: 'Yearly plan completion',
      risks: 'Risk assessment and treatment',
      soa: 'Statement of Applicability (controls)',
      partners: 'Business-partner programme results',
      education: 'Education completion',
    },
    k: {
      total: 'Count',
      done: 'Done',
      open: 'Open',
      internalIssues: 'Internal issues',
      externalIssues: 'External issues',
      interestedParties: "Interested parties' requirements",
      incidents: 'Incidents',
      nearMisses: 'Near misses',
      previousYear: 'Previous year',
      accepted: 'Accepted',
      overdue: 'Overdue',
      applicable: 'Applicable',
      excluded: 'Excluded',
      implemented: 'Implemented',
      partial: 'Partial',
      notStarted: 'Not started',
      approvedVersion: 'Approved version',
      assessments: 'Check sheets',
      submitted: 'Submitted',
      passed: 'Passed',
      failed: 'Failed',
      averageScore: 'Average score',
      openImprovementRequests: 'Open improvement requests',
      openCriticalRequests: 'of which critical',
      month: 'Month',
      major: 'Major nonconformities',
      minor: 'Minor nonconformities',
      openNonconformities: 'Nonconformities not yet corrected',
      rate: 'Completion rate (%)',
    },
  },
} as const;

const when = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo' });

type Data = Record<string, unknown>;
const n = (v: unknown) => (v === null || v === undefined ? '—' : String(v));

function body(s: ReviewPackSection, lang: Lang): Content {
  const t = L[lang];
  const k = t.k as Record<string, string>;
  if (!s.available || !s.data) return { text: t.notAvailable, italics: true, color: '#555555', margin: [0, 0, 0, 8] };
  const d = s.data as Data;
  const pick = (keys: string[]) => facts(keys.map((key) => [k[key] ?? key, n(d[key])]));
  switch (s.key) {
    case 'previousActions': {
      const items = (d.items as Data[]) ?? [];
      return [
        pick(['total', 'done', 'open']),
        ...(items.length
          ? [
              {
                table: {
                  headerRows: 1,
                  widths: ['*', 100, 60, 50],
                  body: [
                    t.actionCols.map((c) => ({ text: c, style: 'label' })),
                    ...items.map((a) => [n(a.title), n(a.owner), n(a.dueOn), t.actionStatus[a.status as 'open'] ?? n(a.status)]),
                  ],
                },
                layout: 'lightHorizontalLines',
                margin: [0, 0, 0, 8],
              } as Content,
            ]
          : []),
      ];
    }
    case 'issues':
      return pick(['internalIssues', 'externalIssues', 'interestedParties']);
    case 'incidents': {
      const prev = (d.previousYear as Data) ?? {};
      const months = (d.months as Data[]) ?? [];
      return [
        facts([
          [k.incidents!, `${n(d.incidents)} (${k.previousYear} ${n(prev.incidents)})`],
          [k.nearMisses!, `${n(d.nearMisses)} (${k.previousYear} ${n(prev.nearMisses)})`],
          [k.open!, n(d.open)],
        ]),
        {
          table: {
            headerRows: 1,
            widths: [80, 80, 80],
            body: [
              [k.month!, k.incidents!, k.nearMisses!].map((c) => ({ text: c, style: 'label' })),
              ...months.map((m) => [n(m.month), n(m.incidents), n(m.nearMisses)]),
            ],
          },
          layout: 'lightHorizontalLines',
          margin: [0, 0, 0, 8],
        },
      ];
    }
    case 'risks':
      return pick(['total', 'overdue', 'accepted']);
    case 'soa':
      return pick(['approvedVersion', 'applicable', 'excluded', 'implemented', 'partial', 'notStarted']);
    case 'partners':
      return pick([
        'assessments',
        'submitted',
        'passed',
        'failed',
        'averageScore',
        'openImprovementRequests',
        'openCriticalRequests',
      ]);
    default:
      return facts(Object.entries(d).map(([key, v]) => [k[key] ?? key, typeof v === 'object' ? JSON.stringify(v) : n(v)]));
  }
}

/** The review pack as a PDF in ja or en: the review's facts, each pack section, the decisions and the actions. */
export async function reviewPdf(ctx: Ctx, id: string, lang: Lang) {
  const review: Review = await getReview(ctx, id);
  const t = L[lang];
  const content: Content[] = [
    { text: `${t.title} ${fiscalYearLabel(review.fiscalYear, lang)}`, style: 'title' },
    { text: review.title, style: 'subtitle' },
    facts([
      [t.fiscalYear, fiscalYearLabel(review.fiscalYear, lang)],
      [t.heldOn, review.heldOn],
      [t.status, t.statuses[review.status]],
      [t.assembled, review.pack ? when(review.pack.assembledAt, lang) : '—'],
      [t.attendees, review.attendees.map((a) => (a.role ? `${a.name}(${a.role})` : a.name)).join(lang === 'ja' ? '、' : ', ')],
    ]),
  ];
  if (!review.pack) content.push({ text: t.notAssembled, margin: [0, 0, 0, 8] });
  for (const s of review.pack?.sections ?? []) content.push(...section(t.sections[s.key], body(s, lang)));
  content.push(...section(t.decisions, review.decisions || '—'));
  content.push(
    ...section(
      t.actions,
      review.actionItems.length
        ? {
            table: {
              headerRows: 1,
              widths: ['*', 100, 60, 50],
              body: [
                t.actionCols.map((c) => ({ text: c, style: 'label' })),
                ...review.actionItems.map((a) => [a.title, a.owner, a.dueOn, t.actionStatus[a.status]]),
              ],
            },
            layout: 'lightHorizontalLines',
          }
        : '—',
    ),
  );
  const file = await renderPdf(
    {
      title: `${t.title} ${fiscalYearLabel(review.fiscalYear, lang)}`,
      lang,
      footer: t.footer,
      createdAt: new Date(review.packAssembledAt ?? Date.now()),
    },
    content,
  );
  return { file, name: `management-review-FY${review.fiscalYear}-${lang}.pdf` };
}

import type { ActivityListQuery, PrivacyRequest } from '@mamori/contracts';
import ExcelJS from 'exceljs';
import { addTextSafeRow } from '../../platform/files/xlsx-write';
import { facts, renderPdf, section } from '../../platform/pdf/render';
import type { Ctx } from '../../platform/tx';
import { categoryById, privacyCatalog, transferBasisById } from './catalog';
import { activitiesForExport } from './register/entries';
import { getRequest } from './requests/service';

type Lang = 'ja' | 'en';
const day = (iso: string | Date | null, lang: Lang) =>
  iso ? new Date(iso).toLocaleDateString(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo' }) : '—';
const lawName = (id: string, lang: Lang) => privacyCatalog().laws.find((l) => l.id === id)?.[lang] ?? id;
const kindName = (id: string, lang: Lang) => privacyCatalog().subjectKinds.find((k) => k.id === id)?.[lang] ?? id;

const X = {
  ja: {
    sheet: '個人情報取扱台帳',
    columns: [
      '組織',
      'サービス',
      '利用目的',
      '本人の区分',
      '概数',
      '本人の国',
      'データ区分',
      '要配慮',
      '要配慮の根拠',
      'マイナンバー',
      '取得元',
      '保存期間',
      '消去方法',
      '外国移転',
      '適用法令',
      '次回見直し',
    ],
    yes: 'あり',
    no: '—',
  },
  en: {
    sheet: 'Personal-data register',
    columns: [
      'Unit',
      'Service',
      'Purpose of use',
      'Data subjects',
      'Approx. number',
      'Subjects\u2019 countries',
      'Data categories',
      'Special care',
      'Basis for special care',
      'My Number',
      'Source',
      'Retention',
      'Deletion',
      'Transfers abroad',
      'Laws',
      'Next review',
    ],
    yes: 'Yes',
    no: '—',
  },
} as const;

/** The register in the caller's scope (with the list's filters) as XLSX, in the reader's language. */
export async function registerXlsx(ctx: Ctx, query: Omit<ActivityListQuery, 'limit' | 'cursor'>, lang: Lang) {
  const rows = await activitiesForExport(ctx, query);
  const t = X[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const ws = wb.addWorksheet(t.sheet);
  addTextSafeRow(ws, [...t.columns]).font = { bold: true };
  for (const r of rows)
    addTextSafeRow(ws, [
      lang === 'ja' ? r.unitNameJa : r.unitNameEn,
      r.service,
      r.purpose,
      r.subjectKinds.map((k) => kindName(k, lang)).join(', '),
      r.subjectCount ?? '',
      r.subjectCountries.join(', '),
      r.categories.map((c) => categoryById(c)?.[lang] ?? c).join(', '),
      r.specialCare ? t.yes : t.no,
      r.specialCareBasis,
      r.myNumber ? t.yes : t.no,
      r.source,
      r.retention,
      r.deletion,
      r.transfers.map((x) => `${x.country}: ${x.recipient} (${transferBasisById(x.basis)?.[lang] ?? x.basis})`).join('\n'),
      r.laws.map((l) => lawName(l, lang)).join(', '),
      r.reviewDueOn,
    ]);
  ws.columns.forEach((c, i) => (c.width = [20, 24, 50, 20, 10, 12, 30, 8, 30, 8, 20, 20, 20, 40, 30, 12][i] ?? 20));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const L = {
  ja: {
    title: '個人情報の開示等の請求に対するご回答',
    footer: '本書は請求者ご本人宛の通知です',
    reference: '受付番号',
    received: '受付日',
    answered: '回答日',
    type: 'ご請求の内容',
    requester: 'ご請求者',
    outcome: '結果',
    answer: 'ご回答',
    late: '回答が遅れた理由',
    types: {
      disclosure: '保有個人データの開示',
      correction: '内容の訂正・追加・削除',
      deletion: '利用停止・消去',
      stop_of_use: '利用停止・第三者提供の停止',
      third_party_records: '第三者提供記録の開示',
    },
    outcomes: {
      granted: 'ご請求のとおり対応しました',
      partially_granted: '一部について対応しました',
      refused: '対応いたしかねます',
      no_data: '該当する保有個人データはありませんでした',
    },
    closing: 'ご不明な点は、ご請求いただいた窓口までお問い合わせください。',
  },
  en: {
    title: 'Our answer to your request about your personal data',
    footer: 'This letter is addressed to the requester only',
    reference: 'Reference',
    received: 'Received on',
    answered: 'Answered on',
    type: 'Your request',
    requester: 'Requester',
    outcome: 'Outcome',
    answer: 'Our answer',
    late: 'Why our answer is late',
    types: {
      disclosure: 'Disclosure of retained personal data',
      correction: 'Correction, addition or deletion of content',
      deletion: 'Stop of use or erasure',
      stop_of_use: 'Stop of use or of provision to third parties',
      third_party_records: 'Disclosure of third-party provision records',
    },
    outcomes: {
      granted: 'We did as you asked',
      partially_granted: 'We did part of what you asked',
      refused: 'We cannot do what you asked',
      no_data: 'We hold no personal data about you',
    },
    closing: 'If anything is unclear, please contact the window where you made your request.',
  },
} as const;

/** The answer letter of an answered request, in its language (or the one asked for). */
export async function answerLetterPdf(ctx: Ctx, id: string, lang?: Lang) {
  const r: PrivacyRequest = await getRequest(ctx, id);
  const l = lang ?? r.language;
  const t = L[l];
  const rows: [string, string][] = [
    [t.reference, r.reference],
    [t.requester, r.requesterName],
    [t.type, t.types[r.type]],
    [t.received, day(r.receivedAt, l)],
    [t.answered, day(r.answeredAt, l)],
    [t.outcome, r.outcome ? t.outcomes[r.outcome] : '—'],
  ];
  const file = await renderPdf(
    { title: t.title, footer: t.footer, lang: l, createdAt: r.answeredAt ? new Date(r.answeredAt) : new Date() },
    [
      facts(rows),
      ...section(t.answer, r.answer || '—'),
      ...(r.lateReason ? section(t.late, r.lateReason) : []),
      { text: t.closing, margin: [0, 12, 0, 0] },
    ],
  );
  return { file, name: `${r.reference}.pdf` };
}

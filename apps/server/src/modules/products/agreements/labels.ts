import type { AgreementDetail, AgreementRole } from '@mamori/contracts';

/** The words of the agreement's XLSX and PDF, in the reader's language (the vehicle maker reads one or the other). */
export type Lang = 'ja' | 'en';

export const L = {
  ja: {
    title: 'サイバーセキュリティ・インターフェース合意書',
    footer: '関係者限り — ISO/SAE 21434 第7節 インターフェース合意',
    sheets: { summary: '合意の概要', matrix: '責任分担表', contacts: '連絡先' },
    fields: {
      product: '製品',
      programme: '顧客プログラム',
      counterpart: '相手方',
      counterpartKind: { customer: '顧客', supplier: 'サプライヤー' },
      status: '状態',
      statuses: { draft: '草案', in_force: '発効中', ended: '終了' },
      tara: '参照するTARA',
      effectiveFrom: '発効日',
      supportUntil: 'サポート終了日',
      notification: 'インシデント通知期限',
      hours: (h: number) => `${h} 時間以内`,
      sharing: '情報共有の取り決め',
      audit: '監査の権利',
      exported: '出力日',
    },
    matrix: ['活動・作業成果物', 'ISO/SAE 21434 の節', '当社', '相手方', '備考'],
    contacts: ['側', '役割', '氏名', '電子メール', '電話'],
    parties: { own: '当社', counterpart: '相手方' },
    legend: 'R = 実施責任、A = 承認、S = 支援、I = 報告を受ける',
  },
  en: {
    title: 'Cybersecurity interface agreement',
    footer: 'Parties only — ISO/SAE 21434 clause 7 interface agreement',
    sheets: { summary: 'Agreement', matrix: 'Responsibilities', contacts: 'Contacts' },
    fields: {
      product: 'Product',
      programme: 'Customer programme',
      counterpart: 'Counterpart',
      counterpartKind: { customer: 'customer', supplier: 'supplier' },
      status: 'Status',
      statuses: { draft: 'draft', in_force: 'in force', ended: 'ended' },
      tara: 'TARA referred to',
      effectiveFrom: 'Effective from',
      supportUntil: 'Support until',
      notification: 'Incident notification',
      hours: (h: number) => `within ${h} hours`,
      sharing: 'Information sharing',
      audit: 'Audit rights',
      exported: 'Exported on',
    },
    matrix: ['Activity / work product', 'ISO/SAE 21434 clause', 'Supplier (us)', 'Counterpart', 'Note'],
    contacts: ['Side', 'Function', 'Name', 'E-mail', 'Phone'],
    parties: { own: 'Us', counterpart: 'Counterpart' },
    legend: 'R = responsible, A = approves, S = supports, I = informed',
  },
} as const;

const LETTER: Record<AgreementRole, string> = { responsible: 'R', approve: 'A', support: 'S', inform: 'I' };
export const letters = (roles: readonly AgreementRole[]) => roles.map((r) => LETTER[r]).join(', ') || '—';

export const day = (d: Date, lang: Lang) => d.toLocaleDateString(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo' });

/** The facts of the agreement as label/value pairs, shared by the workbook and the PDF. */
export function summaryRows(a: AgreementDetail, lang: Lang, now: Date): [string, string][] {
  const f = L[lang].fields;
  return [
    [f.product, `${a.productCode} ${lang === 'ja' ? a.productNameJa : a.productNameEn}`],
    [f.programme, a.programme],
    [f.counterpart, `${a.counterpartName} (${f.counterpartKind[a.counterpartKind]})`],
    [f.status, f.statuses[a.status]],
    [f.tara, a.taraTitle ?? '—'],
    [f.effectiveFrom, a.effectiveFrom ?? '—'],
    [f.supportUntil, a.supportUntil ?? '—'],
    [f.notification, a.incidentNotificationHours == null ? '—' : f.hours(a.incidentNotificationHours)],
    [f.sharing, a.informationSharing ?? '—'],
    [f.audit, a.auditRights ?? '—'],
    [f.exported, day(now, lang)],
  ];
}

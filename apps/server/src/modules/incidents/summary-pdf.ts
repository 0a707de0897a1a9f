import type { z } from 'zod';
import type { IncidentSummary } from '@mamori/contracts';
import { facts, renderPdf, section } from '../../platform/pdf/render';

type Summary = z.infer<typeof IncidentSummary>;

const LABELS = {
  ja: {
    title: '情報セキュリティ事故 事例(教育用)',
    subtitle: '氏名・連絡先・顧客名などは伏せ字にしています。配布前に事務局が内容を確認してください。',
    footer: '社内教育用 — 社外への持ち出し禁止',
    type: '種類',
    nearMiss: 'ヒヤリハット',
    severity: '重大度',
    period: '発生月',
    site: '事業所',
    cause: '原因区分',
    redactions: '伏せ字の数',
    yes: 'はい',
    no: 'いいえ',
  },
  en: {
    title: 'Information security incident — case for education',
    subtitle: 'Names, contact details and customer names are masked. The security office reviews the text before handing it out.',
    footer: 'Internal education material — not for use outside the group',
    type: 'Type',
    nearMiss: 'Near miss',
    severity: 'Severity',
    period: 'Month',
    site: 'Site',
    cause: 'Cause category',
    redactions: 'Masked passages',
    yes: 'yes',
    no: 'no',
  },
};

/** The anonymised case summary (4-2 f) as a printable PDF in the summary's own language. */
export function summaryPdf(s: Summary, now = new Date()): Promise<Buffer> {
  const L = LABELS[s.language];
  return renderPdf({ title: L.title, subtitle: L.subtitle, footer: L.footer, lang: s.language, createdAt: now }, [
    facts([
      [L.type, s.type],
      [L.nearMiss, s.nearMiss ? L.yes : L.no],
      [L.severity, s.severity],
      [L.period, s.period],
      [L.site, s.site],
      [L.cause, s.cause ?? '—'],
      [L.redactions, String(s.redactions)],
    ]),
    ...s.sections.flatMap((x) => section(x.heading, x.text)),
  ]);
}

import type { AdvisoryDocument } from '@mamori/contracts';

/** The languages Mamori publishes CSAF in: English is the original, Japanese its translation (CSAF 9.1.9, translator). */
export const CSAF_LANGS = ['en', 'ja'] as const;
export type CsafLang = (typeof CSAF_LANGS)[number];

type Product = AdvisoryDocument['products'][number];
type Revision = AdvisoryDocument['revisions'][number];

/** What a CSAF document says in its own words, per language; everything else in it is data. */
export interface CsafTexts {
  title(doc: AdvisoryDocument): string;
  summary(doc: AdvisoryDocument): string;
  productName(p: Product): string;
  revision(r: Revision): string;
  summaryNote: string;
  descriptionNote: string;
  selfCsaf: string;
  webPage: string;
  /** the English original, first reference of the translation */
  original: string;
  /** the Japanese translation, referenced from the original */
  translation: string;
  updateTo(version: string): string;
  noFix: string;
}

export const csafTexts: Record<CsafLang, CsafTexts> = {
  en: {
    title: (d) => d.titleEn,
    summary: (d) => d.summaryEn,
    productName: (p) => p.nameEn,
    revision: (r) => r.summary,
    summaryNote: 'Summary',
    descriptionNote: 'Description',
    selfCsaf: 'This advisory (CSAF)',
    webPage: 'This advisory (web page, ja and en)',
    original: 'The original advisory in English (CSAF)',
    translation: 'Japanese translation of this advisory (CSAF)',
    updateTo: (v) => `Update to version ${v} or later.`,
    noFix: 'No fix is available yet.',
  },
  ja: {
    title: (d) => d.titleJa,
    summary: (d) => d.summaryJa,
    productName: (p) => p.nameJa,
    revision: (r) => r.summaryJa ?? r.summary,
    summaryNote: '概要',
    descriptionNote: '説明',
    selfCsaf: 'このアドバイザリ（CSAF、日本語訳）',
    webPage: 'このアドバイザリ（Web ページ、日本語・英語）',
    original: '原文（英語）のアドバイザリ（CSAF）',
    translation: 'このアドバイザリの日本語訳（CSAF）',
    updateTo: (v) => `バージョン ${v} 以降に更新してください。`,
    noFix: '現時点で修正版はありません。',
  },
};

import { ASSET_KINDS, type AssetClass, type CustomFields } from '@mamori/contracts';

/**
 * The columns of the ledger's import and export files. The export writes the headers and values in the reader's
 * language; the import accepts either language (and the column keys), so an exported file re-imports unchanged.
 */
export type Lang = 'ja' | 'en';

export const BASE_COLUMNS = [
  { key: 'id', ja: 'ID', en: 'ID' },
  { key: 'unit_code', ja: '組織コード', en: 'Unit code' },
  { key: 'name', ja: '名称', en: 'Name' },
  { key: 'kind', ja: '種類', en: 'Kind' },
  { key: 'owner', ja: '管理者（社員番号）', en: 'Owner (employee no.)' },
  { key: 'class', ja: '機密区分', en: 'Class' },
  { key: 'confidentiality', ja: '機密性', en: 'Confidentiality' },
  { key: 'integrity', ja: '完全性', en: 'Integrity' },
  { key: 'availability', ja: '可用性', en: 'Availability' },
  { key: 'location', ja: '保管場所', en: 'Location' },
  { key: 'personal_data', ja: '個人情報', en: 'Personal data' },
  { key: 'personal_categories', ja: '個人情報の種類', en: 'Personal data categories' },
  { key: 'retention', ja: '保存期間', en: 'Retention' },
  { key: 'disposal', ja: '廃棄方法', en: 'Disposal method' },
  { key: 'original_id', ja: '原本ID', en: 'Original ID' },
] as const;
export type BaseKey = (typeof BASE_COLUMNS)[number]['key'];

export const REQUIRED_KEYS: BaseKey[] = [
  'unit_code',
  'name',
  'kind',
  'owner',
  'class',
  'confidentiality',
  'integrity',
  'availability',
];

export const KIND_LABELS: Record<(typeof ASSET_KINDS)[number], Record<Lang, string>> = {
  paper: { ja: '紙', en: 'Paper' },
  electronic: { ja: '電子ファイル', en: 'Electronic file' },
  system: { ja: 'システム・DB', en: 'System / database' },
  device: { ja: '機器', en: 'Device' },
  media: { ja: '記録媒体', en: 'Storage media' },
};

export const YES = { ja: 'はい', en: 'yes' };
export const NO = { ja: 'いいえ', en: 'no' };

export interface Column {
  key: string;
  header: string;
}

/** The columns of an export in one language: the built-in ones, then one per custom field (`custom.<key>`). */
export const exportColumns = (lang: Lang, fields: CustomFields): Column[] => [
  ...BASE_COLUMNS.map((c) => ({ key: c.key, header: c[lang] })),
  ...fields.map((f) => ({ key: `custom.${f.key}`, header: lang === 'ja' ? f.labelJa : f.labelEn })),
];

const norm = (s: string) => s.trim().toLowerCase();

/** Every header the import accepts, mapped to its column key. */
export function headerAliases(fields: CustomFields): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of BASE_COLUMNS) for (const h of [c.key, c.ja, c.en]) m.set(norm(h), c.key);
  for (const f of fields) for (const h of [`custom.${f.key}`, f.labelJa, f.labelEn]) m.set(norm(h), `custom.${f.key}`);
  return m;
}

export const headerKey = (aliases: Map<string, string>, header: string) => aliases.get(norm(header));

/** A kind from its code or its label in either language. */
export function kindOf(text: string): (typeof ASSET_KINDS)[number] | undefined {
  const t = norm(text);
  return ASSET_KINDS.find((k) => k === t || norm(KIND_LABELS[k].ja) === t || norm(KIND_LABELS[k].en) === t);
}

/** A class from its code or its name in either language. */
export const classOfText = (classes: AssetClass[], text: string) => {
  const t = norm(text);
  return classes.find((c) => c.code === t || norm(c.nameJa) === t || norm(c.nameEn) === t);
};

export function yesNo(text: string): boolean | undefined {
  const t = norm(text);
  if (['yes', 'true', '1', 'はい', 'あり', '有'].includes(t)) return true;
  if (['no', 'false', '0', 'いいえ', 'なし', '無', ''].includes(t)) return false;
  return undefined;
}

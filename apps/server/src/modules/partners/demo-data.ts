/** Fictional partner companies of the demo group: name parts, combined at random (seeded). */
export const demoNameStems: readonly [string, string][] = [
  ['青葉', 'Aoba'],
  ['朝日', 'Asahi'],
  ['白鷺', 'Shirasagi'],
  ['若葉', 'Wakaba'],
  ['東雲', 'Shinonome'],
  ['桜井', 'Sakurai'],
  ['富士見', 'Fujimi'],
  ['北斗', 'Hokuto'],
  ['瑞穂', 'Mizuho'],
  ['大和', 'Yamato'],
  ['千鳥', 'Chidori'],
  ['高砂', 'Takasago'],
];
export const demoNameKinds: readonly {
  ja: string;
  en: string;
  shares: ('papers' | 'digitized' | 'embodiments' | 'knowHow')[];
}[] = [
  { ja: '精機', en: 'Seiki', shares: ['papers', 'embodiments'] },
  { ja: '金型製作所', en: 'Mold Works', shares: ['papers', 'embodiments', 'knowHow'] },
  { ja: '電子', en: 'Electronics', shares: ['papers', 'digitized'] },
  { ja: 'ソフトウェア', en: 'Software', shares: ['digitized', 'knowHow'] },
  { ja: '物流', en: 'Logistics', shares: ['papers'] },
  { ja: '印刷', en: 'Printing', shares: ['papers', 'digitized'] },
  { ja: '化成', en: 'Chemicals', shares: ['papers', 'embodiments', 'digitized'] },
  { ja: 'テクノサービス', en: 'Techno Service', shares: ['digitized'] },
];
export const demoCountries = ['JP', 'JP', 'JP', 'JP', 'JP', 'JP', 'VN', 'TH', 'CN', 'SG'] as const;
export const demoNaReasons = [
  '該当する業務がない / No such work here',
  '紙の情報のみ扱う / Papers only',
  '自社にサーバはない / No own servers',
];
export const demoPlans = [
  '全従業員から誓約書を回収し、人事システムで管理します。/ Collect pledges from all staff and track them in the HR system.',
  '入退室ログを毎月確認する手順を定めました。/ A monthly review of entry logs is now in the procedure.',
  'ウイルス対策ソフトを全PCに導入し、資産台帳で確認します。/ Anti-virus on every PC, checked against the asset list.',
];

import type { SERVICE_CERTIFICATIONS, SERVICE_REVIEW_STATUSES } from '@mamori/contracts';

/** The demo's systems and service reviews, as data (fictional services and providers). `rank`: of the class held. */

export const SITE_SYSTEMS: { en: string; ja: string; kind: 'it' | 'network'; rank: number }[] = [
  { en: 'file server', ja: '部門ファイルサーバ', kind: 'it', rank: 3 },
  { en: 'business application server', ja: '業務アプリケーションサーバ', kind: 'it', rank: 3 },
  { en: 'backup NAS', ja: 'バックアップ用 NAS', kind: 'it', rank: 2 },
  { en: 'floor switch', ja: 'フロアスイッチ', kind: 'network', rank: 2 },
];

/** Factory equipment per production line; `versions`: the product version on line A and on line B (fictional). */
export const OT_LINES: {
  en: string;
  ja: string;
  rank: number;
  conduits: string[];
  product: string;
  versions: [string, string];
}[] = [
  {
    en: 'PLC cell controller',
    ja: 'PLC セルコントローラ',
    rank: 2,
    conduits: ['Line control network'],
    product: 'KX-R PLC CPU',
    versions: ['1.21', '1.30'],
  },
  {
    en: 'SCADA station',
    ja: 'SCADA 監視端末',
    rank: 2,
    conduits: ['Line control network', 'Plant DMZ'],
    product: 'Mirai SCADA View',
    versions: ['5.2', '5.2'],
  },
  {
    en: 'MES terminal',
    ja: 'MES 端末',
    rank: 3,
    conduits: ['Plant DMZ', 'Office network'],
    product: 'Hoshi MES Client',
    versions: ['2024.3', '2025.1'],
  },
];

export const SAAS: { name: string; ja: string; kind: 'saas' | 'iaas'; rank: number }[] = [
  { name: 'KumoMail (mail and calendar)', ja: 'メール・予定表', kind: 'saas', rank: 3 },
  { name: 'SoraDrive (file sharing)', ja: 'ファイル共有', kind: 'saas', rank: 3 },
  { name: 'MeetNow (web meetings)', ja: 'Web 会議', kind: 'saas', rank: 2 },
  { name: 'LedgerCloud (accounting)', ja: '会計', kind: 'saas', rank: 4 },
  { name: 'PeopleDesk (HR)', ja: '人事・給与', kind: 'saas', rank: 4 },
  { name: 'SalesLoop (CRM)', ja: '顧客管理', kind: 'saas', rank: 3 },
  { name: 'TicketHub (service desk)', ja: 'サービスデスク', kind: 'saas', rank: 2 },
  { name: 'CodeNest (source repositories)', ja: 'ソースコード管理', kind: 'saas', rank: 4 },
  { name: 'Hoshizora public web site', ja: 'コーポレートサイト', kind: 'iaas', rank: 1 },
  { name: 'Supplier portal', ja: '調達ポータル', kind: 'iaas', rank: 3 },
  { name: 'Analytics platform', ja: '分析基盤', kind: 'iaas', rank: 3 },
  { name: 'E-learning service', ja: 'e ラーニング', kind: 'saas', rank: 2 },
];

export interface DemoReview {
  serviceName: string;
  providerName: string;
  purpose: string;
  rank: number;
  approvedRank: number;
  personalData: boolean;
  country: string;
  certifications: (typeof SERVICE_CERTIFICATIONS)[number][];
  ssoMfa: boolean;
  exitTerms: string;
  status: (typeof SERVICE_REVIEW_STATUSES)[number];
  conditions: string;
  reasons: string;
}

export const REVIEWS: DemoReview[] = [
  {
    serviceName: 'WhiteBoardly',
    providerName: 'WhiteBoardly Inc.',
    purpose:
      '設計レビューをオンラインホワイトボードで拠点間共有する / Share design reviews between sites on an online whiteboard',
    rank: 3,
    approvedRank: 0,
    personalData: false,
    country: 'US',
    certifications: ['iso27001', 'soc2'],
    ssoMfa: true,
    exitTerms: 'Export as PDF/ZIP; deletion within 30 days of termination',
    status: 'pending',
    conditions: '',
    reasons: '',
  },
  {
    serviceName: 'TransLingo',
    providerName: 'TransLingo K.K.',
    purpose: '取扱説明書の機械翻訳 / Machine translation of product manuals',
    rank: 3,
    approvedRank: 2,
    personalData: false,
    country: 'JP',
    certifications: ['iso27001', 'iso27017', 'ismap'],
    ssoMfa: true,
    exitTerms: 'Uploaded texts are deleted after 24 hours; no training on customer data',
    status: 'approved_with_conditions',
    conditions: '社外秘まで。顧客名・図面は入力しない / Up to internal use only; never enter customer names or drawings',
    reasons: 'ISMAP 登録あり、SSO 対応 / ISMAP-listed, supports SSO',
  },
  {
    serviceName: 'FreeFileBox',
    providerName: 'FreeFileBox Ltd.',
    purpose: '取引先との大容量ファイル送付 / Sending large files to partners',
    rank: 3,
    approvedRank: 0,
    personalData: true,
    country: 'SG',
    certifications: [],
    ssoMfa: false,
    exitTerms: '',
    status: 'refused',
    conditions: '',
    reasons:
      '認証なし・SSO 非対応・削除条件が不明。承認済みの SoraDrive を使ってください / No certification, no SSO, no deletion terms. Use SoraDrive, which is approved',
  },
];

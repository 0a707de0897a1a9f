/**
 * The demo group for `mamori demo load`: a fictional manufacturer, Hoshizora Industries (星空工業).
 * Data only; the loaders in src/demo/ turn it into org units, people and accounts.
 * Every name is invented; e-mail addresses use the reserved `.example` domain.
 */

import { sec, type DemoSite, type DemoUnit } from './demo-types';

export type { DemoDepartment, DemoSite, DemoUnit } from './demo-types';

export const DEMO_CODE = 'DEMO';
export const DEMO_EMAIL_DOMAIN = 'hoshizora.example';
export const DEMO_PASSWORD = 'demo-password-2026';

export const demoCompany: DemoUnit = { code: DEMO_CODE, ja: '星空工業株式会社', en: 'Hoshizora Industries Co., Ltd.' };

export const demoSites: DemoSite[] = [
  {
    code: 'OSK',
    ja: '大阪本社',
    en: 'Osaka Head Office',
    headcount: 110,
    names: 'japanese',
    language: 'ja',
    securityOffice: 'GAD-GA',
    departments: [
      {
        code: 'CPD',
        ja: '経営企画部',
        en: 'Corporate Planning Dept.',
        sections: [sec('STR', '経営戦略課', 'Strategy Section'), sec('PR', '広報課', 'Public Relations Section')],
      },
      {
        code: 'GAD',
        ja: '総務部',
        en: 'General Affairs Dept.',
        sections: [
          sec('GA', '総務課', 'General Affairs Section'),
          sec('LEG', '法務課', 'Legal Section'),
          sec('FAC', '施設管理課', 'Facilities Section'),
        ],
      },
      {
        code: 'ISD',
        ja: '情報システム部',
        en: 'Information Systems Dept.',
        sections: [
          sec('INF', 'インフラ課', 'Infrastructure Section'),
          sec('APP', '業務システム課', 'Business Applications Section'),
          sec('SEC', '情報セキュリティ課', 'Information Security Section'),
        ],
      },
      {
        code: 'HRD',
        ja: '人事部',
        en: 'Human Resources Dept.',
        sections: [sec('HR', '人事課', 'Personnel Section'), sec('LAB', '労務課', 'Labour Relations Section')],
      },
    ],
  },
  {
    code: 'NGY',
    ja: '名古屋工場',
    en: 'Nagoya Plant',
    headcount: 130,
    names: 'japanese',
    language: 'ja',
    securityOffice: 'ADM-GA',
    departments: [
      {
        code: 'MFG',
        ja: '製造部',
        en: 'Manufacturing Dept.',
        sections: [
          sec('MF1', '第一製造課', 'Manufacturing Section 1'),
          sec('MF2', '第二製造課', 'Manufacturing Section 2'),
          sec('PPC', '生産管理課', 'Production Control Section'),
        ],
      },
      {
        code: 'QAD',
        ja: '品質保証部',
        en: 'Quality Assurance Dept.',
        sections: [sec('QC', '品質管理課', 'Quality Control Section'), sec('INS', '検査課', 'Inspection Section')],
      },
      {
        code: 'PED',
        ja: '生産技術部',
        en: 'Production Engineering Dept.',
        sections: [
          sec('EQP', '設備技術課', 'Equipment Engineering Section'),
          sec('OT', '制御システム課', 'Control Systems Section'),
        ],
      },
      {
        code: 'ADM',
        ja: '工場管理部',
        en: 'Plant Administration Dept.',
        sections: [sec('GA', '総務課', 'General Affairs Section'), sec('PUR', '購買課', 'Purchasing Section')],
      },
    ],
  },
  {
    code: 'KMT',
    ja: '熊本工場',
    en: 'Kumamoto Plant',
    headcount: 110,
    names: 'japanese',
    language: 'ja',
    securityOffice: 'QAD-QC',
    departments: [
      {
        code: 'MFG',
        ja: '製造部',
        en: 'Manufacturing Dept.',
        sections: [sec('MF1', '製造一課', 'Manufacturing Section 1'), sec('MF2', '製造二課', 'Manufacturing Section 2')],
      },
      {
        code: 'QAD',
        ja: '品質保証部',
        en: 'Quality Assurance Dept.',
        sections: [sec('QC', '品質管理課', 'Quality Control Section'), sec('REL', '信頼性評価課', 'Reliability Testing Section')],
      },
      {
        code: 'RND',
        ja: '設計開発部',
        en: 'Design & Development Dept.',
        sections: [
          sec('HW', 'ハードウェア設計課', 'Hardware Design Section'),
          sec('EMB', '組込みソフトウェア課', 'Embedded Software Section'),
          sec('PSC', '製品セキュリティ課', 'Product Security Section'),
        ],
      },
    ],
  },
  {
    code: 'SGP',
    ja: 'シンガポール事業所',
    en: 'Singapore Office',
    headcount: 50,
    names: 'singapore',
    language: 'en',
    securityOffice: 'ADM-GIT',
    departments: [
      {
        code: 'SLS',
        ja: '営業部',
        en: 'Sales & Marketing Dept.',
        sections: [sec('ASE', 'ASEAN営業課', 'ASEAN Sales Section'), sec('KAM', '重点顧客課', 'Key Accounts Section')],
      },
      {
        code: 'SUP',
        ja: '地域サポート部',
        en: 'Regional Support Dept.',
        sections: [
          sec('CS', 'カスタマーサポート課', 'Customer Support Section'),
          sec('FS', 'フィールドサービス課', 'Field Service Section'),
        ],
      },
      {
        code: 'ADM',
        ja: '管理部',
        en: 'Administration Dept.',
        sections: [sec('FIN', '経理課', 'Finance Section'), sec('GIT', '総務・IT課', 'General Affairs & IT Section')],
      },
    ],
  },
];

/**
 * Who holds which role, by the full code of the unit the people are taken from (group-wide roles,
 * and roles held by a few named members). Org heads, promotion leaders and site security offices
 * come from the structure itself.
 */
export const demoRoleMembers: {
  role:
    | 'system_admin'
    | 'ciso'
    | 'security_office'
    | 'auditor'
    | 'psirt_member'
    | 'csirt_member'
    | 'fsirt_member'
    | 'privacy_officer';
  from: string[];
  /** the unit the role is held for (its subtree); group-wide when absent */
  scope?: string;
}[] = [
  { role: 'system_admin', from: ['DEMO-OSK-ISD-INF'] },
  { role: 'ciso', from: ['DEMO-OSK-CPD-STR'] },
  { role: 'security_office', from: ['DEMO-OSK-ISD-SEC', 'DEMO-OSK-ISD-SEC', 'DEMO-OSK-ISD-SEC'] },
  { role: 'auditor', from: ['DEMO-OSK-GAD-LEG', 'DEMO-KMT-QAD-REL', 'DEMO-NGY-QAD-INS', 'DEMO-OSK-HRD-HR', 'DEMO-SGP-ADM-FIN'] },
  { role: 'psirt_member', from: ['DEMO-KMT-RND-PSC', 'DEMO-KMT-RND-PSC', 'DEMO-KMT-RND-EMB'] },
  { role: 'csirt_member', from: ['DEMO-OSK-ISD-INF', 'DEMO-OSK-ISD-SEC', 'DEMO-NGY-PED-OT'] },
  { role: 'privacy_officer', from: ['DEMO-OSK-GAD-LEG'] },
  // the Nagoya plant's FSIRT: its factory systems and the incidents on them
  { role: 'fsirt_member', from: ['DEMO-NGY-PED-OT', 'DEMO-NGY-PED-OT'], scope: 'DEMO-NGY' },
];

/** Why a promotion leader asks for an account (pending account requests). */
export const demoAccountRequestReasons = [
  '新規配属のため、情報資産台帳の更新作業に必要です。',
  '推進リーダー補佐として自己点検の入力を担当するため。',
  'New hire: needs to report near misses and take the annual training.',
];

// the name lists and the operating companies, each in its own file, exported from here as before
export * from './demo-companies';
export * from './demo-names';

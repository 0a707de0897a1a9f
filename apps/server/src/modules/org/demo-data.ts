/**
 * The demo group for `mamori demo load`: a fictional manufacturer, Hoshizora Industries (星空工業).
 * Data only; the loaders in src/demo/ turn it into org units, people and accounts.
 * Every name is invented; e-mail addresses use the reserved `.example` domain.
 */

export interface DemoUnit {
  /** Appended to the parent's code: DEMO-OSK-ISD-SEC. */
  code: string;
  ja: string;
  en: string;
}
export interface DemoDepartment extends DemoUnit {
  sections: DemoUnit[];
}
export interface DemoSite extends DemoUnit {
  /** How many people work at the site. */
  headcount: number;
  /** Which name list the site's people come from. */
  names: 'japanese' | 'singapore';
  language: 'ja' | 'en';
  /** The section (department-section codes) whose member runs the site security office. */
  securityOffice: string;
  departments: DemoDepartment[];
}

export const DEMO_CODE = 'DEMO';
export const DEMO_EMAIL_DOMAIN = 'hoshizora.example';
export const DEMO_PASSWORD = 'demo-password-2026';

export const demoCompany: DemoUnit = { code: DEMO_CODE, ja: '星空工業株式会社', en: 'Hoshizora Industries Co., Ltd.' };

const sec = (code: string, ja: string, en: string): DemoUnit => ({ code, ja, en });

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

/** [kanji, romanised] */
export type NamePair = readonly [string, string];

// prettier-ignore
export const japaneseSurnames: NamePair[] = [
  ['佐藤', 'Sato'], ['鈴木', 'Suzuki'], ['高橋', 'Takahashi'], ['田中', 'Tanaka'], ['伊藤', 'Ito'],
  ['渡辺', 'Watanabe'], ['山本', 'Yamamoto'], ['中村', 'Nakamura'], ['小林', 'Kobayashi'], ['加藤', 'Kato'],
  ['吉田', 'Yoshida'], ['山田', 'Yamada'], ['佐々木', 'Sasaki'], ['山口', 'Yamaguchi'], ['松本', 'Matsumoto'],
  ['井上', 'Inoue'], ['木村', 'Kimura'], ['林', 'Hayashi'], ['斎藤', 'Saito'], ['清水', 'Shimizu'],
  ['山崎', 'Yamazaki'], ['森', 'Mori'], ['池田', 'Ikeda'], ['橋本', 'Hashimoto'], ['阿部', 'Abe'],
  ['石川', 'Ishikawa'], ['山下', 'Yamashita'], ['中島', 'Nakajima'], ['石井', 'Ishii'], ['小川', 'Ogawa'],
  ['前田', 'Maeda'], ['岡田', 'Okada'], ['長谷川', 'Hasegawa'], ['藤田', 'Fujita'], ['後藤', 'Goto'],
  ['近藤', 'Kondo'], ['村上', 'Murakami'], ['遠藤', 'Endo'], ['青木', 'Aoki'], ['坂本', 'Sakamoto'],
  ['福田', 'Fukuda'], ['西村', 'Nishimura'], ['太田', 'Ota'], ['松田', 'Matsuda'], ['原田', 'Harada'],
  ['岡本', 'Okamoto'], ['中川', 'Nakagawa'], ['藤井', 'Fujii'], ['上田', 'Ueda'], ['森田', 'Morita'],
];

// prettier-ignore
export const japaneseGivenNames: NamePair[] = [
  ['翔太', 'Shota'], ['大輔', 'Daisuke'], ['拓也', 'Takuya'], ['健太', 'Kenta'], ['直樹', 'Naoki'],
  ['亮', 'Ryo'], ['誠', 'Makoto'], ['和也', 'Kazuya'], ['達也', 'Tatsuya'], ['浩二', 'Koji'],
  ['隆', 'Takashi'], ['修', 'Osamu'], ['哲也', 'Tetsuya'], ['悠斗', 'Yuto'], ['蓮', 'Ren'],
  ['大翔', 'Hiroto'], ['慎吾', 'Shingo'], ['剛', 'Tsuyoshi'], ['雄一', 'Yuichi'], ['俊介', 'Shunsuke'],
  ['陽子', 'Yoko'], ['美咲', 'Misaki'], ['由美', 'Yumi'], ['恵', 'Megumi'], ['真由美', 'Mayumi'],
  ['彩', 'Aya'], ['香織', 'Kaori'], ['智子', 'Tomoko'], ['麻衣', 'Mai'], ['結衣', 'Yui'],
  ['陽菜', 'Hina'], ['さくら', 'Sakura'], ['奈々', 'Nana'], ['千尋', 'Chihiro'], ['優子', 'Yuko'],
  ['理恵', 'Rie'], ['明美', 'Akemi'], ['沙織', 'Saori'], ['葵', 'Aoi'], ['久美子', 'Kumiko'],
];

/** Singapore staff of Chinese descent: family names and given names, [as written in Chinese, romanised]. */
// prettier-ignore
export const singaporeChineseSurnames: NamePair[] = [
  ['陳', 'Tan'], ['林', 'Lim'], ['黄', 'Ng'], ['李', 'Lee'], ['王', 'Ong'], ['張', 'Teo'], ['許', 'Koh'], ['吳', 'Goh'],
  ['蔡', 'Chua'], ['楊', 'Yeo'], ['謝', 'Chia'], ['劉', 'Low'],
];
// prettier-ignore
export const singaporeChineseGivenNames: NamePair[] = [
  ['偉明', 'Wei Ming'], ['美玲', 'Mei Ling'], ['志強', 'Chee Keong'], ['佳慧', 'Jia Hui'], ['俊傑', 'Jun Jie'],
  ['麗華', 'Li Hua'], ['家豪', 'Jia Hao'], ['淑芬', 'Shu Fen'], ['文傑', 'Wen Jie'], ['雅婷', 'Ya Ting'],
];

/** Other Singapore staff (Malay, Indian, English names): [in katakana, as written in English]. */
// prettier-ignore
export const singaporeOtherNames: NamePair[] = [
  ['アフマド・ビン・イスマイル', 'Ahmad bin Ismail'], ['シティ・ヌルハリザ', 'Siti Nurhaliza'],
  ['ムハンマド・ハフィズ', 'Muhammad Hafiz'], ['ヌル・アイシャ', 'Nur Aisyah'], ['ファリド・ラーマン', 'Farid Rahman'],
  ['ズライハ・オスマン', 'Zulaikha Osman'], ['ラジェシュ・クマール', 'Rajesh Kumar'], ['プリヤ・ナイル', 'Priya Nair'],
  ['ダニエル・ウォン', 'Daniel Wong'], ['レイチェル・タン', 'Rachel Tan'], ['ジェイソン・リム', 'Jason Lim'],
  ['サラ・チュア', 'Sarah Chua'], ['マイケル・ゴー', 'Michael Goh'], ['エミリー・ン', 'Emily Ng'],
  ['ベンジャミン・テオ', 'Benjamin Teo'], ['グレース・ロー', 'Grace Low'], ['ケルビン・ホー', 'Kelvin Ho'],
  ['ジャスミン・ヨー', 'Jasmine Yeo'], ['ライアン・シム', 'Ryan Sim'], ['クロエ・フォン', 'Chloe Foong'],
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

/**
 * The group's operating companies (issue #22), under the holding (the DEMO unit, which keeps its own sites): an
 * automotive parts maker, a B2B solutions company and an overseas sales company, each with its own ISMS profile,
 * CISO (the first member of its security office section) and security office.
 */
export interface DemoOperatingCompany extends DemoUnit {
  language: 'ja' | 'en';
  timeZone: string;
  fiscalYearStartMonth: number;
  psirtContact: string;
  privacyWindow: string;
  modules: string[];
  site: DemoSite;
}

export const demoOperatingCompanies: DemoOperatingCompany[] = [
  {
    code: 'AUTO',
    ja: '星空オートモーティブ株式会社',
    en: 'Hoshizora Automotive Co., Ltd.',
    language: 'ja',
    timeZone: 'Asia/Tokyo',
    fiscalYearStartMonth: 4,
    psirtContact: 'psirt@auto.hoshizora.example',
    privacyWindow: 'privacy@auto.hoshizora.example',
    modules: ['assets', 'risks', 'controls', 'partners', 'incidents', 'products', 'training', 'audits', 'plans', 'reports'],
    site: {
      code: 'ANJ',
      ja: '安城工場',
      en: 'Anjo Plant',
      headcount: 30,
      names: 'japanese',
      language: 'ja',
      securityOffice: 'QMS-ISO',
      departments: [
        {
          code: 'QMS',
          ja: '品質・セキュリティ管理部',
          en: 'Quality and Security Management Dept.',
          sections: [
            sec('ISO', '情報セキュリティ課', 'Information Security Section'),
            sec('TSX', 'TISAX推進課', 'TISAX Section'),
          ],
        },
        {
          code: 'ECU',
          ja: '車載電子開発部',
          en: 'In-vehicle Electronics Dept.',
          sections: [sec('SW', 'ソフトウェア課', 'Software Section'), sec('HW', 'ハードウェア課', 'Hardware Section')],
        },
      ],
    },
  },
  {
    code: 'SOL',
    ja: '星空ソリューションズ株式会社',
    en: 'Hoshizora Solutions Co., Ltd.',
    language: 'ja',
    timeZone: 'Asia/Tokyo',
    fiscalYearStartMonth: 4,
    psirtContact: 'https://solutions.hoshizora.example/psirt',
    privacyWindow: 'privacy@solutions.hoshizora.example',
    modules: ['assets', 'risks', 'controls', 'partners', 'incidents', 'training', 'audits', 'plans', 'privacy', 'reports'],
    site: {
      code: 'TYO',
      ja: '東京本社',
      en: 'Tokyo Head Office',
      headcount: 30,
      names: 'japanese',
      language: 'ja',
      securityOffice: 'ISM-SEC',
      departments: [
        {
          code: 'ISM',
          ja: '情報セキュリティ統括室',
          en: 'Information Security Office',
          sections: [
            sec('SEC', 'セキュリティ推進課', 'Security Promotion Section'),
            sec('PRV', '個人情報保護課', 'Privacy Section'),
          ],
        },
        {
          code: 'SVC',
          ja: 'サービス事業部',
          en: 'Services Division',
          sections: [
            sec('CLD', 'クラウドサービス課', 'Cloud Services Section'),
            sec('SI', 'システム構築課', 'Systems Integration Section'),
          ],
        },
      ],
    },
  },
  {
    code: 'APAC',
    ja: 'Hoshizora Asia Pacific Pte. Ltd.',
    en: 'Hoshizora Asia Pacific Pte. Ltd.',
    language: 'en',
    timeZone: 'Asia/Singapore',
    fiscalYearStartMonth: 1,
    psirtContact: 'psirt@apac.hoshizora.example',
    privacyWindow: 'dpo@apac.hoshizora.example',
    modules: ['assets', 'partners', 'incidents', 'training', 'privacy', 'reports'],
    site: {
      code: 'KUL',
      ja: 'クアラルンプール事務所',
      en: 'Kuala Lumpur Office',
      headcount: 24,
      names: 'singapore',
      language: 'en',
      securityOffice: 'OPS-ITS',
      departments: [
        {
          code: 'OPS',
          ja: '業務部',
          en: 'Operations Dept.',
          sections: [sec('ITS', 'IT・セキュリティ課', 'IT and Security Section'), sec('FIN', '経理課', 'Finance Section')],
        },
        {
          code: 'SLS',
          ja: '営業部',
          en: 'Sales Dept.',
          sections: [sec('MY', 'マレーシア営業課', 'Malaysia Sales Section'), sec('TH', 'タイ営業課', 'Thailand Sales Section')],
        },
      ],
    },
  },
];

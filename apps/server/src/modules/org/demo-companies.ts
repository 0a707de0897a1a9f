import { sec, type DemoSite, type DemoUnit } from './demo-types';

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

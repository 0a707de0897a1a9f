import type { AssetKind } from '@mamori/contracts';
import type { z } from 'zod';

/** The kinds of information a manufacturing department keeps, as demo ledger entries (names ja / en). */
export interface DemoAssetTemplate {
  ja: string;
  en: string;
  kind: z.infer<typeof AssetKind>;
  classCode: 'strictly_confidential' | 'confidential' | 'internal' | 'public';
  cia: [number, number, number];
  personal?: string[];
  locations: string[];
  retention: string;
  disposal: string;
  system?: string;
}

export const demoAssetTemplates: DemoAssetTemplate[] = [
  { ja: '顧客名簿', en: 'Customer list', kind: 'electronic', classCode: 'confidential', cia: [3, 2, 2], personal: ['顧客 / customers'], locations: ['営業部共有フォルダ', 'CRM'], retention: '取引終了後5年 / 5 years after the last deal', disposal: '完全消去 / secure erase', system: 'Salesforce' },
  { ja: '設計図面', en: 'Design drawings', kind: 'paper', classCode: 'confidential', cia: [3, 3, 2], locations: ['設計室 施錠キャビネットA', '図面庫'], retention: '製品廃止後10年 / 10 years after end of product', disposal: '溶解処理 / pulping' },
  { ja: '図面CADデータ', en: 'CAD drawing data', kind: 'electronic', classCode: 'confidential', cia: [3, 3, 2], locations: ['PLMサーバ', '設計ファイルサーバ'], retention: '製品廃止後10年 / 10 years after end of product', disposal: '完全消去 / secure erase', system: 'Teamcenter' },
  { ja: '生産計画', en: 'Production plan', kind: 'electronic', classCode: 'internal', cia: [2, 3, 3], locations: ['生産管理システム'], retention: '3年 / 3 years', disposal: '削除 / delete', system: '生産管理システム / MES' },
  { ja: '人事評価', en: 'Performance reviews', kind: 'electronic', classCode: 'strictly_confidential', cia: [3, 3, 1], personal: ['従業員 / employees'], locations: ['人事システム'], retention: '退職後5年 / 5 years after leaving', disposal: '完全消去 / secure erase', system: 'SuccessFactors' },
  { ja: '給与台帳', en: 'Payroll ledger', kind: 'system', classCode: 'strictly_confidential', cia: [3, 3, 2], personal: ['従業員 / employees'], locations: ['給与システム'], retention: '7年 / 7 years', disposal: '完全消去 / secure erase', system: '給与奉行' },
  { ja: '取引先契約書', en: 'Supplier contracts', kind: 'paper', classCode: 'confidential', cia: [3, 3, 1], locations: ['購買部 書庫', '法務 金庫'], retention: '契約終了後10年 / 10 years after the contract', disposal: '溶解処理 / pulping' },
  { ja: '品質記録', en: 'Quality records', kind: 'electronic', classCode: 'internal', cia: [2, 3, 2], locations: ['品質管理システム'], retention: '15年 / 15 years', disposal: '削除 / delete', system: 'QMS' },
  { ja: '製品仕様書', en: 'Product specifications', kind: 'electronic', classCode: 'confidential', cia: [3, 3, 2], locations: ['設計ファイルサーバ'], retention: '製品廃止後10年 / 10 years after end of product', disposal: '完全消去 / secure erase' },
  { ja: '見積書', en: 'Quotations', kind: 'electronic', classCode: 'internal', cia: [2, 2, 1], locations: ['営業部共有フォルダ'], retention: '5年 / 5 years', disposal: '削除 / delete' },
  { ja: '会議議事録', en: 'Meeting minutes', kind: 'electronic', classCode: 'internal', cia: [2, 2, 1], locations: ['部門共有フォルダ', 'SharePoint'], retention: '3年 / 3 years', disposal: '削除 / delete' },
  { ja: '社内規程集', en: 'Company rules', kind: 'electronic', classCode: 'internal', cia: [1, 3, 2], locations: ['イントラネット'], retention: '改定まで / until revised', disposal: '削除 / delete' },
  { ja: '製品カタログ', en: 'Product catalogue', kind: 'paper', classCode: 'public', cia: [1, 2, 1], locations: ['営業部 棚'], retention: '改版まで / until the next edition', disposal: '通常廃棄 / ordinary waste' },
  { ja: '採用応募書類', en: 'Job applications', kind: 'paper', classCode: 'confidential', cia: [3, 2, 1], personal: ['応募者 / applicants'], locations: ['人事部 施錠キャビネット'], retention: '選考後1年 / 1 year after selection', disposal: 'シュレッダー / shredding' },
  { ja: '試験成績書', en: 'Test reports', kind: 'electronic', classCode: 'internal', cia: [2, 3, 2], locations: ['品質保証フォルダ'], retention: '10年 / 10 years', disposal: '削除 / delete' },
  { ja: '原価計算表', en: 'Cost calculations', kind: 'electronic', classCode: 'confidential', cia: [3, 3, 2], locations: ['経理システム'], retention: '7年 / 7 years', disposal: '完全消去 / secure erase', system: 'SAP' },
  { ja: '生産管理システム', en: 'Production control system', kind: 'system', classCode: 'confidential', cia: [2, 3, 3], locations: ['工場サーバ室'], retention: '運用期間中 / while in service', disposal: 'ディスク物理破壊 / disk destruction', system: '生産管理システム / MES' },
  { ja: '営業日報', en: 'Sales daily reports', kind: 'electronic', classCode: 'internal', cia: [2, 2, 1], personal: ['顧客担当者 / customer contacts'], locations: ['CRM'], retention: '3年 / 3 years', disposal: '削除 / delete', system: 'Salesforce' },
  { ja: '特許出願資料', en: 'Patent filing documents', kind: 'paper', classCode: 'strictly_confidential', cia: [3, 3, 2], locations: ['知財部 金庫'], retention: '権利満了後5年 / 5 years after expiry', disposal: '溶解処理 / pulping' },
  { ja: '新製品企画書', en: 'New product plans', kind: 'electronic', classCode: 'strictly_confidential', cia: [3, 2, 1], locations: ['企画部 暗号化フォルダ'], retention: '発売後3年 / 3 years after launch', disposal: '完全消去 / secure erase' },
  { ja: '設備保全記録', en: 'Equipment maintenance records', kind: 'paper', classCode: 'internal', cia: [1, 3, 2], locations: ['保全課 棚'], retention: '設備廃棄まで / until the equipment goes', disposal: 'シュレッダー / shredding' },
  { ja: '社員名簿', en: 'Staff directory', kind: 'electronic', classCode: 'confidential', cia: [3, 2, 2], personal: ['従業員 / employees'], locations: ['人事システム'], retention: '更新時に差替え / replaced on update', disposal: '削除 / delete' },
  { ja: '入退室記録', en: 'Entry logs', kind: 'system', classCode: 'confidential', cia: [2, 3, 2], personal: ['従業員 / employees', '来訪者 / visitors'], locations: ['入退室管理システム'], retention: '1年 / 1 year', disposal: '削除 / delete' },
  { ja: '制御ソフトウェア ソースコード', en: 'Control software source code', kind: 'electronic', classCode: 'strictly_confidential', cia: [3, 3, 2], locations: ['Git サーバ'], retention: '製品廃止後10年 / 10 years after end of product', disposal: '完全消去 / secure erase', system: 'GitLab' },
  { ja: '不良品解析レポート', en: 'Defect analysis reports', kind: 'electronic', classCode: 'internal', cia: [2, 3, 1], locations: ['品質保証フォルダ'], retention: '10年 / 10 years', disposal: '削除 / delete' },
  { ja: 'バックアップテープ', en: 'Backup tapes', kind: 'media', classCode: 'confidential', cia: [3, 3, 3], locations: ['耐火金庫', '遠隔保管庫'], retention: '世代管理 3世代 / three generations', disposal: '物理破壊 / physical destruction' },
  { ja: '業務用ノートPC', en: 'Business laptops', kind: 'device', classCode: 'internal', cia: [2, 2, 2], locations: ['各自 / each user'], retention: 'リース期間 / lease term', disposal: 'データ消去証明付き返却 / return with erasure certificate' },
];

import { RiskMethod, type RiskMethod as RiskMethodT, type ScaleLevel } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { defineSetting, effectiveSetting } from '../../../platform/settings/effective';
import { registerCompanySetting } from '../../../platform/settings/company';
import { riskMethodVersions } from '../tables';

const scale = (rows: [string, string, string, string][]): ScaleLevel[] =>
  rows.map(([labelJa, labelEn, descriptionJa, descriptionEn], i) => ({
    value: i + 1,
    labelJa,
    labelEn,
    descriptionJa,
    descriptionEn,
  }));

/**
 * The built-in method (until the security office saves one): 5 × 5, four levels, owners may accept up to
 * "medium". Written for Mamori; the wording is ours.
 */
export const defaultRiskMethod = (): RiskMethodT => ({
  likelihood: scale([
    ['ほぼない', 'Rare', '10年に1回未満', 'Less than once in ten years'],
    ['起こりにくい', 'Unlikely', '数年に1回程度', 'About once in a few years'],
    ['起こりうる', 'Possible', '年に1回程度', 'About once a year'],
    ['起こりやすい', 'Likely', '年に数回', 'Several times a year'],
    ['ほぼ確実', 'Almost certain', '毎月またはそれ以上', 'Monthly or more often'],
  ]),
  impact: scale([
    ['軽微', 'Negligible', '業務への影響はほとんどない', 'Hardly any effect on the business'],
    ['小', 'Minor', '一部業務が短時間遅れる。社内で収まる', 'Some work is delayed briefly; stays inside the company'],
    ['中', 'Moderate', '取引先・お客様に影響。個人情報少数', 'Customers or partners affected; a few personal records'],
    [
      '大',
      'Major',
      '生産停止・多数の個人情報・重要な技術情報の漏えい',
      'Production stops; many personal records or key know-how leak',
    ],
    ['甚大', 'Severe', '事業継続・社会的信用に重大な影響', 'Threatens the business or public trust'],
  ]),
  levels: [
    { code: 'low', labelJa: '低', labelEn: 'Low', colour: '#2f9e44' },
    { code: 'medium', labelJa: '中', labelEn: 'Medium', colour: '#fcc419' },
    { code: 'high', labelJa: '高', labelEn: 'High', colour: '#f76707' },
    { code: 'very_high', labelJa: '非常に高い', labelEn: 'Very high', colour: '#c92a2a' },
  ],
  // rows: likelihood 1..5; columns: impact 1..5
  matrix: [
    ['low', 'low', 'low', 'medium', 'medium'],
    ['low', 'low', 'medium', 'medium', 'high'],
    ['low', 'medium', 'medium', 'high', 'high'],
    ['medium', 'medium', 'high', 'high', 'very_high'],
    ['medium', 'high', 'high', 'very_high', 'very_high'],
  ],
  acceptUpTo: 'medium',
});

/** The risk method (setting `risks.method`): read only through `effectiveSetting` for the risk's unit. */
export const riskMethodSetting = defineSetting('risks.method', RiskMethod, defaultRiskMethod);
// A company may use its own risk method (issue #22); a method is not stricter or looser than another, so any applies.
registerCompanySetting({ setting: riskMethodSetting, title: { ja: 'リスク評価の方法', en: 'Risk assessment method' } });

export interface MethodSnapshot {
  id: string;
  scope: string;
  version: number;
  method: RiskMethodT;
}

/**
 * The snapshot row of the method that applies to `unitId` now, written the first time an assessment uses it.
 * Insert-or-nothing on (scope, version), then read: two parallel first uses end with one row.
 */
export async function currentSnapshot(tx: Db, unitId: string): Promise<MethodSnapshot> {
  const eff = await effectiveSetting(tx, riskMethodSetting, unitId);
  const key = and(eq(riskMethodVersions.scope, eff.scope), eq(riskMethodVersions.version, eff.version));
  const [found] = await tx.select().from(riskMethodVersions).where(key);
  if (found) return found;
  await tx.insert(riskMethodVersions).values({ scope: eff.scope, version: eff.version, method: eff.value }).onConflictDoNothing();
  const [row] = await tx.select().from(riskMethodVersions).where(key);
  return row!;
}

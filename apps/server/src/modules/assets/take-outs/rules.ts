import { APPROVERS, type Approver, type AssetClass, type TakeOutRule } from '@mamori/contracts';
import type { Db } from '../../../db/client';
import { effectiveSetting } from '../../../platform/settings/effective';
import { classificationSetting } from '../classification/settings';

export interface ClassInfo {
  name: { ja: string; en: string };
  colour: string;
  rule: TakeOutRule;
}

/**
 * A class code the unit's scheme does not know (a class removed after the asset was classified) is handled as
 * strictly as the scheme allows without forbidding: every approver, encrypted.
 */
const UNKNOWN: (code: string) => ClassInfo = (code) => ({
  name: { ja: code, en: code },
  colour: '#868e96',
  rule: { decision: 'approval', approvers: [...APPROVERS], conditions: ['encryption'], noteJa: '', noteEn: '' },
});

const infoOf = (c: AssetClass): ClassInfo => ({
  name: { ja: c.nameJa, en: c.nameEn },
  colour: c.colour,
  rule: {
    decision: c.rules.take_out.decision,
    approvers: c.rules.take_out.approvers,
    conditions: c.rules.take_out.conditions,
    noteJa: c.rules.take_out.noteJa,
    noteEn: c.rules.take_out.noteEn,
  },
});

/** The take-out rule of a class as the unit's effective scheme (group → company) states it. */
export async function takeOutClass(db: Db, unitId: string, classCode: string): Promise<ClassInfo> {
  const scheme = (await effectiveSetting(db, classificationSetting, unitId)).value;
  const found = scheme.classes.find((c) => c.code === classCode);
  return found ? infoOf(found) : UNKNOWN(classCode);
}

/** The approval chain of a request: every approver any asset's rule names, in the fixed order. */
export const chainOf = (rules: TakeOutRule[]): Approver[] =>
  APPROVERS.filter((a) => rules.some((r) => r.decision === 'approval' && r.approvers.includes(a)));

export const APPROVER_NAMES: Record<Approver, { ja: string; en: string }> = {
  org_head: { ja: '組織責任者', en: 'organisation head' },
  site_office: { ja: '事業場事務局', en: 'site security office' },
  ciso: { ja: 'CISO', en: 'CISO' },
};

import type { ClassificationScheme, HandlingAction, HandlingRule } from '@mamori/contracts';
import type { DemoContext } from '../../../demo/types';
import { saveCompanySetting } from '../../../platform/settings/company';
import { classificationCompanySetting, defaultScheme } from './settings';

type Change = (s: ClassificationScheme) => void;
const rule = (s: ClassificationScheme, code: string, action: HandlingAction, patch: Partial<HandlingRule>) => {
  const c = s.classes.find((x) => x.code === code)!;
  c.rules[action] = { ...c.rules[action], ...patch };
};

/**
 * Each demo operating company tightens the group's scheme in its own way (issue #22, stricter only): the automotive
 * company forbids taking confidential prototypes' data out (TISAX), the solutions company asks approval before
 * sharing internal information with partners (customer data, seed 004), the overseas company encrypts internal
 * mail sent outside and audits reads from "internal" up.
 */
const OVERRIDES: Record<string, Change> = {
  'DEMO-AUTO': (s) => {
    rule(s, 'confidential', 'take_out', {
      decision: 'forbidden',
      approvers: [],
      noteJa: '試作・開発情報は社外への持ち出しを禁止します（TISAX）。',
      noteEn: 'Prototype and development information never leaves the premises (TISAX).',
    });
    const sc = s.classes.find((x) => x.code === 'strictly_confidential')!;
    sc.rules.copy_print.approvers = [...new Set([...sc.rules.copy_print.approvers, 'ciso' as const])];
  },
  'DEMO-SOL': (s) =>
    rule(s, 'internal', 'share_partner', {
      decision: 'approval',
      approvers: ['org_head'],
      noteJa: '顧客情報を含む場合があるため、協力会社への共有は組織責任者の承認を得てください。',
      noteEn: 'It may hold customer data: sharing with a partner needs the org head’s approval.',
    }),
  'DEMO-APAC': (s) => {
    const internal = s.classes.find((x) => x.code === 'internal')!;
    internal.rules.send_outside.conditions = [...new Set([...internal.rules.send_outside.conditions, 'encryption' as const])];
    s.auditReadsFromRank = Math.min(s.auditReadsFromRank, 2);
  },
};

export async function loadCompanySchemes(ctx: DemoContext): Promise<number> {
  const holding = ctx.units.get('DEMO');
  let n = 0;
  for (const [code, change] of Object.entries(OVERRIDES)) {
    const company = ctx.units.get(code);
    if (!company || !holding) continue;
    const scheme = defaultScheme();
    change(scheme);
    await saveCompanySetting(ctx.tx, ctx.audit, classificationCompanySetting, [company.id, holding.id], scheme, {
      by: null,
      expected: undefined,
    });
    n++;
  }
  return n;
}

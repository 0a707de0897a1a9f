import {
  HANDLING_ACTIONS,
  HANDLING_DECISIONS,
  type Approver,
  type ClassificationScheme,
  type HandlingCondition,
} from '@mamori/contracts';
import { fieldError, type FieldError } from '../../../platform/errors/app-error';

/**
 * "Stricter only" for a company's classification scheme (issue #22): it may add classes, add rules' conditions and
 * approvers, and make a decision stricter (allowed < needs approval < forbidden), never loosen what it inherits.
 * Answers one field error per loosened rule, its path relative to the scheme (`classes.2.rules.take_out.decision`).
 */

const DECISION_NAMES = {
  allowed: { ja: '許可', en: 'allowed' },
  approval: { ja: '承認が必要', en: 'needs approval' },
  forbidden: { ja: '禁止', en: 'forbidden' },
} as const;
const APPROVER_NAMES: Record<Approver, { ja: string; en: string }> = {
  org_head: { ja: '組織責任者', en: 'the org head' },
  site_office: { ja: '事業場事務局', en: 'the site security office' },
  ciso: { ja: 'CISO', en: 'the CISO' },
};
const CONDITION_NAMES: Record<HandlingCondition, { ja: string; en: string }> = {
  encryption: { ja: '暗号化', en: 'encryption' },
  nda: { ja: '秘密保持契約', en: 'an NDA' },
};
const BLOCKING = ['none', 'critical', 'any'] as const;
const BLOCKING_NAMES = {
  none: { ja: '止めない', en: 'none' },
  critical: { ja: '重大な改善要求', en: 'critical requests' },
  any: { ja: '改善要求すべて', en: 'any open request' },
} as const;

export function looserClassRules(inherited: ClassificationScheme, own: ClassificationScheme): FieldError[] {
  const errors: FieldError[] = [];
  const ownIndex = new Map(own.classes.map((c, i) => [c.code, i]));
  for (const g of inherited.classes) {
    const i = ownIndex.get(g.code);
    if (i === undefined) {
      errors.push(fieldError('classes', 'group.class_missing', { class: { ja: g.nameJa, en: g.nameEn } }));
      continue;
    }
    const c = own.classes[i]!;
    const at = `classes.${i}`;
    if (c.rank < g.rank)
      errors.push(
        fieldError(`${at}.rank`, 'group.rank_looser', {
          group: g.rank,
          bound: { ja: `${g.rank} 以上`, en: `${g.rank} or more` },
        }),
      );
    if (BLOCKING.indexOf(c.partnerBlockingRequests) < BLOCKING.indexOf(g.partnerBlockingRequests))
      errors.push(
        fieldError(`${at}.partnerBlockingRequests`, 'group.blocking_looser', {
          group: BLOCKING_NAMES[g.partnerBlockingRequests],
        }),
      );
    for (const a of HANDLING_ACTIONS) {
      const gr = g.rules[a];
      const cr = c.rules[a];
      const path = `${at}.rules.${a}`;
      const gOrder = HANDLING_DECISIONS.indexOf(gr.decision);
      const cOrder = HANDLING_DECISIONS.indexOf(cr.decision);
      if (cOrder < gOrder) {
        errors.push(fieldError(`${path}.decision`, 'group.decision_looser', { group: DECISION_NAMES[gr.decision] }));
        continue;
      }
      if (cr.decision === 'forbidden') continue; // nothing left to loosen
      if (gr.decision === 'approval' && cr.decision === 'approval')
        for (const who of gr.approvers)
          if (!cr.approvers.includes(who))
            errors.push(fieldError(`${path}.approvers`, 'group.approver_dropped', { approver: APPROVER_NAMES[who] }));
      for (const cond of gr.conditions)
        if (!cr.conditions.includes(cond))
          errors.push(fieldError(`${path}.conditions`, 'group.condition_dropped', { condition: CONDITION_NAMES[cond] }));
    }
  }
  if (own.auditReadsFromRank > inherited.auditReadsFromRank)
    errors.push(
      fieldError('auditReadsFromRank', 'group.rank_looser', {
        group: inherited.auditReadsFromRank,
        bound: { ja: `${inherited.auditReadsFromRank} 以下`, en: `${inherited.auditReadsFromRank} or less` },
      }),
    );
  return errors;
}

import type { ClassificationScheme } from '@mamori/contracts';
import { HANDLING_ACTIONS, type AssetClass, type HandlingAction, type HandlingRule } from '@mamori/contracts';

/**
 * The scheme the take-out tests are written against (saved as the group's scheme by the test world): a forbidden
 * class (極秘), a three-step chain with encryption (秘), one approver (社外秘) and a free class (公開), whatever the
 * built-in default says.
 */
const rule = (decision: HandlingRule['decision'], more: Partial<HandlingRule> = {}): HandlingRule => ({
  decision,
  approvers: [],
  conditions: [],
  noteJa: '',
  noteEn: '',
  ...more,
});

const rules = (over: Partial<Record<HandlingAction, HandlingRule>>): AssetClass['rules'] =>
  Object.fromEntries(HANDLING_ACTIONS.map((a) => [a, over[a] ?? rule('allowed')])) as AssetClass['rules'];

export const takeOutTestScheme = (): ClassificationScheme => ({
  auditReadsFromRank: 3,
  classes: [
    {
      code: 'strictly_confidential',
      nameJa: '極秘',
      nameEn: 'Strictly confidential',
      labelJa: '極秘',
      labelEn: 'STRICTLY CONFIDENTIAL',
      colour: '#c92a2a',
      rank: 4,
      partnerBlockingRequests: 'any',
      rules: rules({
        copy_print: rule('approval', { approvers: ['org_head'] }),
        send_outside: rule('forbidden'),
        share_partner: rule('forbidden'),
        take_out: rule('forbidden', {
          noteJa: '極秘情報は持ち出せません。社内で閲覧してください。',
          noteEn: 'Strictly confidential information never leaves the premises; read it on site.',
        }),
      }),
    },
    {
      code: 'confidential',
      nameJa: '秘',
      nameEn: 'Confidential',
      labelJa: '秘',
      labelEn: 'CONFIDENTIAL',
      colour: '#e8590c',
      rank: 3,
      partnerBlockingRequests: 'critical',
      rules: rules({
        send_outside: rule('approval', { approvers: ['org_head'], conditions: ['encryption'] }),
        share_partner: rule('approval', { approvers: ['org_head'], conditions: ['nda'] }),
        take_out: rule('approval', {
          approvers: ['org_head', 'site_office', 'ciso'],
          conditions: ['encryption'],
          noteJa: '暗号化した媒体に限ります。組織責任者・事業場事務局・CISO の承認が必要です。',
          noteEn: 'Encrypted media only; the org head, the site office and the CISO approve.',
        }),
      }),
    },
    {
      code: 'internal',
      nameJa: '社外秘',
      nameEn: 'Internal use only',
      labelJa: '社外秘',
      labelEn: 'INTERNAL USE ONLY',
      colour: '#1971c2',
      rank: 2,
      partnerBlockingRequests: 'none',
      rules: rules({
        share_partner: rule('allowed', { conditions: ['nda'] }),
        take_out: rule('approval', {
          approvers: ['org_head'],
          noteJa: '組織責任者の承認が必要です。',
          noteEn: 'Your org head approves.',
        }),
      }),
    },
    {
      code: 'public',
      nameJa: '公開',
      nameEn: 'Public',
      labelJa: '公開',
      labelEn: 'PUBLIC',
      colour: '#2f9e44',
      rank: 1,
      partnerBlockingRequests: 'none',
      rules: rules({}),
    },
  ],
});

import type { Grants } from './roles';

/**
 * The ISMS core (issue #11): information assets, take-outs, risks, controls and the SoA.
 * - assets:read / assets:manage   the ledger in scope (promotion leaders keep their unit's; offices manage theirs).
 *                                 Strictly confidential assets are need-to-know: the assets service shows them only
 *                                 to their owner and to managers in scope, and logs every read.
 * - isms:configure                the classification scheme, custom asset fields, risk method and threat catalogue.
 * - asset-reviews:manage/confirm  open an inventory campaign (offices) / confirm a unit's ledger (org heads).
 * - take-outs:request/approve     every internal account may ask to take assets out; the class rules name who
 *                                 approves (org head, site office, CISO) and the service checks that person's scope.
 * - risks:read / risks:manage     the risk register in scope; acceptance is by the risk's owner (a record rule).
 * - controls:read / soa:manage / soa:approve  the Annex A catalogue and the SoA; the CISO approves a version.
 * - control-status:answer         a unit states the status of the controls the office asked about.
 */
export const ISMS_ACTIONS = [
  'assets:read',
  'assets:manage',
  'isms:configure',
  'asset-reviews:manage',
  'asset-reviews:confirm',
  'take-outs:request',
  'take-outs:approve',
  'risks:read',
  'risks:manage',
  'controls:read',
  'soa:manage',
  'soa:approve',
  'control-status:answer',
] as const;
type IsmsAction = (typeof ISMS_ACTIONS)[number];

const office: IsmsAction[] = [
  'assets:read',
  'assets:manage',
  'asset-reviews:manage',
  'take-outs:request',
  'take-outs:approve',
  'risks:read',
  'risks:manage',
  'controls:read',
  'soa:manage',
];

export const ISMS_GRANTS: Grants<IsmsAction> = {
  ciso: ['assets:read', 'take-outs:request', 'take-outs:approve', 'risks:read', 'controls:read', 'soa:approve'],
  security_office: [...office, 'isms:configure'],
  site_security_office: office,
  org_head: [
    'assets:read',
    'assets:manage',
    'asset-reviews:confirm',
    'take-outs:request',
    'take-outs:approve',
    'risks:read',
    'risks:manage',
    'controls:read',
    'control-status:answer',
  ],
  promotion_leader: [
    'assets:read',
    'assets:manage',
    'take-outs:request',
    'risks:read',
    'risks:manage',
    'controls:read',
    'control-status:answer',
  ],
  auditor: ['assets:read', 'risks:read', 'controls:read'],
  psirt_member: ['take-outs:request'],
  privacy_officer: ['assets:read', 'take-outs:request'],
  csirt_member: ['take-outs:request'],
  fsirt_member: ['take-outs:request'],
  employee: ['take-outs:request'],
};

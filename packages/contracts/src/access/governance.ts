import type { Grants } from './roles';

/**
 * Governance (issue #12): policies and guides, the yearly plan, internal audits, management review.
 * - documents:read          every internal account reads the published documents that apply to it (a record rule).
 * - documents:manage/approve the offices draft documents; the CISO approves a version.
 * - plans:read / plans:manage the yearly plan and its progress in scope / make and publish it (security office).
 * - plan-tasks:complete     a unit's promotion leader, head or site office records its tasks done.
 * - audits:read / manage / conduct  the programme in scope / run it (offices) / audit as an assigned auditor.
 * - findings:answer         the audited unit answers findings with corrective actions.
 * - management-review:manage/decide  the office assembles the pack; the CISO records decisions.
 */
export const GOVERNANCE_ACTIONS = [
  'documents:read',
  'documents:manage',
  'documents:approve',
  'plans:read',
  'plans:manage',
  'plan-tasks:complete',
  'audits:read',
  'audits:manage',
  'audits:conduct',
  'findings:answer',
  'management-review:manage',
  'management-review:decide',
] as const;
type GovernanceAction = (typeof GOVERNANCE_ACTIONS)[number];

const office: GovernanceAction[] = [
  'documents:read',
  'documents:manage',
  'plans:read',
  'plan-tasks:complete',
  'audits:read',
  'audits:manage',
  'management-review:manage',
];

export const GOVERNANCE_GRANTS: Grants<GovernanceAction> = {
  ciso: ['documents:read', 'documents:approve', 'plans:read', 'audits:read', 'management-review:decide'],
  security_office: [...office, 'plans:manage'],
  site_security_office: office,
  org_head: ['documents:read', 'plans:read', 'plan-tasks:complete', 'audits:read', 'findings:answer'],
  promotion_leader: ['documents:read', 'plans:read', 'plan-tasks:complete', 'findings:answer'],
  auditor: ['documents:read', 'plans:read', 'audits:read', 'audits:conduct'],
  psirt_member: ['documents:read'],
  privacy_officer: ['documents:read'],
  csirt_member: ['documents:read'],
  fsirt_member: ['documents:read'],
  employee: ['documents:read'],
};

import type { Grants } from './roles';

/** IT, cloud and factory systems (issue #23): the inventory, coverage, pre-use reviews and vulnerability assessments. */
export const SYSTEM_ACTIONS = [
  /** the inventory in scope, its coverage and gaps */
  'systems:read',
  'systems:manage',
  /** import device coverage from EDR/EPP and MDM consoles, and save their column mappings (the offices) */
  'coverage:import',
  /** pre-use review of a cloud service or new technology: a unit asks, the security office decides */
  'service-reviews:request',
  'service-reviews:decide',
  /** the register of approved services: every employee may ask "may I put this class there?" */
  'approved-services:read',
  /** vulnerability assessments of the group's systems: define them, import their runs, upload the KEV catalogue */
  'assessments:manage',
  /** approve or refuse a risk-acceptance exception on an assessment finding (never one's own request) */
  'assessment-exceptions:approve',
] as const;
type SystemAction = (typeof SYSTEM_ACTIONS)[number];

/** The offices keep the inventory, import coverage and decide pre-use reviews. */
const office: SystemAction[] = [
  'systems:read',
  'systems:manage',
  'coverage:import',
  'service-reviews:request',
  'service-reviews:decide',
  'approved-services:read',
  'assessments:manage',
  'assessment-exceptions:approve',
];
/** A unit's head and promotion leader keep their unit's systems and ask for pre-use reviews. */
const unit: SystemAction[] = ['systems:read', 'systems:manage', 'service-reviews:request', 'approved-services:read'];

export const SYSTEM_GRANTS: Grants<SystemAction> = {
  ciso: ['systems:read', 'approved-services:read', 'assessment-exceptions:approve'],
  security_office: office,
  site_security_office: office,
  org_head: unit,
  promotion_leader: unit,
  auditor: ['systems:read', 'approved-services:read'],
  psirt_member: ['approved-services:read'],
  privacy_officer: ['approved-services:read'],
  csirt_member: ['systems:read', 'approved-services:read', 'assessments:manage'],
  fsirt_member: ['systems:read', 'approved-services:read'],
  employee: ['approved-services:read'],
};

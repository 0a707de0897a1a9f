/**
 * The one list of roles and actions, shared by server and web.
 * A role assignment gives its actions within a scope (an org-unit subtree, or the whole group).
 * Default deny: an action not listed for a role is refused.
 * Each domain lists its actions and its grants in access/<domain>.ts; this file joins them.
 */
import { EDUCATION_ACTIONS, EDUCATION_GRANTS } from './access/education';
import { GOVERNANCE_ACTIONS, GOVERNANCE_GRANTS } from './access/governance';
import { GROUP_ACTIONS, GROUP_GRANTS } from './access/group';
import { INCIDENT_ACTIONS, INCIDENT_GRANTS } from './access/incidents';
import { ISMS_ACTIONS, ISMS_GRANTS } from './access/isms';
import { ORG_ACTIONS, ORG_GRANTS } from './access/org';
import { PARTNER_GRANTS, PARTNER_PROGRAMME_ACTIONS, PORTAL_ACTIONS } from './access/partners';
import { PRIVACY_ACTIONS, PRIVACY_GRANTS } from './access/privacy';
import { PRODUCT_ACTIONS, PRODUCT_GRANTS } from './access/products';
import { REPORT_ACTIONS, REPORT_GRANTS } from './access/reports';
import { COMPANY_ROLES, GROUP_WIDE_ROLES, ROLES, type Grants, type Role } from './access/roles';
import { SYSTEM_ACTIONS, SYSTEM_GRANTS } from './access/systems';
import { ZONE_ACTIONS, ZONE_GRANTS } from './access/zones';

export { COMPANY_ROLES, EXTERNAL_ROLES, GROUP_WIDE_ROLES, PERSONAL_ROLES, ROLES, type Role } from './access/roles';

export const ACTIONS = [
  ...ORG_ACTIONS,
  ...INCIDENT_ACTIONS,
  ...PARTNER_PROGRAMME_ACTIONS,
  ...PRODUCT_ACTIONS,
  ...ISMS_ACTIONS,
  ...GOVERNANCE_ACTIONS,
  ...EDUCATION_ACTIONS,
  ...PRIVACY_ACTIONS,
  ...ZONE_ACTIONS,
  ...REPORT_ACTIONS,
  ...GROUP_ACTIONS,
  ...SYSTEM_ACTIONS,
] as const;
export type Action = (typeof ACTIONS)[number];

/** What the partner portal may do: answer its own check sheets and improvement requests, report incidents. */
export const PARTNER_ACTIONS: readonly Action[] = PORTAL_ACTIONS;

const GRANTS: readonly Grants<Action>[] = [
  ORG_GRANTS,
  INCIDENT_GRANTS,
  PARTNER_GRANTS,
  PRODUCT_GRANTS,
  ISMS_GRANTS,
  GOVERNANCE_GRANTS,
  EDUCATION_GRANTS,
  PRIVACY_GRANTS,
  ZONE_GRANTS,
  REPORT_GRANTS,
  GROUP_GRANTS,
  SYSTEM_GRANTS,
];

/** A role's actions from every domain, in the order of ACTIONS. */
const granted = (role: Exclude<Role, 'system_admin' | 'partner_user'>): readonly Action[] =>
  ACTIONS.filter((a) => GRANTS.some((g) => g[role]?.includes(a)));

export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  // Everything but being an organisation's head (incidents:receive adds the receiver to each case), the partner
  // portal's own actions (those belong to partner accounts) and drills:manage: a person's drill result is seen by the
  // security office only (issue #13); an administrator reads the aggregate results (drills:read).
  system_admin: ACTIONS.filter(
    (a) => a !== 'incidents:receive' && a !== 'drills:manage' && (!PARTNER_ACTIONS.includes(a) || a === 'partners:read'),
  ),
  ciso: granted('ciso'),
  security_office: granted('security_office'),
  site_security_office: granted('site_security_office'),
  org_head: granted('org_head'),
  promotion_leader: granted('promotion_leader'),
  auditor: granted('auditor'),
  psirt_member: granted('psirt_member'),
  csirt_member: granted('csirt_member'),
  fsirt_member: granted('fsirt_member'),
  privacy_officer: granted('privacy_officer'),
  employee: granted('employee'),
  partner_user: PARTNER_ACTIONS,
};

/**
 * Actions that mean something within an org subtree: those that some role which may be granted on a unit holds.
 * A company-scoped CISO or security office gets only these of its role's actions (plus the company's own
 * profile and settings): an action that only group-wide roles hold (group settings, the criteria catalogue,
 * report templates…) has no company meaning yet, so a company grant must not carry it group-wide.
 */
export const SUBTREE_ACTIONS: readonly Action[] = [
  ...new Set<Action>([
    ...ROLES.filter((r) => !GROUP_WIDE_ROLES.includes(r) && !COMPANY_ROLES.includes(r)).flatMap((r) => ROLE_ACTIONS[r]),
    'companies:read',
    'companies:manage',
  ]),
];

/** What one grant gives: its role's actions, narrowed to SUBTREE_ACTIONS for a company-scoped CISO or office. */
export const grantActions = (role: Role, scoped: boolean): readonly Action[] =>
  scoped && COMPANY_ROLES.includes(role) ? ROLE_ACTIONS[role].filter((a) => SUBTREE_ACTIONS.includes(a)) : ROLE_ACTIONS[role];

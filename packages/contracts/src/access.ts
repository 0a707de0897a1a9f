/**
 * The one list of roles and actions, shared by server and web.
 * A role assignment gives its actions within a scope (an org-unit subtree, or the whole group).
 * Default deny: an action not listed for a role is refused.
 */
export const ROLES = [
  'system_admin',
  'ciso',
  'security_office',
  'site_security_office',
  'org_head',
  'promotion_leader',
  'auditor',
  'psirt_member',
  'csirt_member',
  'employee',
] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'org:read',
  'org:manage',
  'people:read',
  'people:manage',
  'accounts:read',
  'accounts:request',
  'accounts:approve',
  'accounts:manage',
  'roles:read',
  'roles:assign',
  'audit:read',
  'settings:manage',
  'products:read',
  'products:manage',
  'vulnerabilities:read',
  'vulnerabilities:manage',
  'advisories:publish',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Product security (PSIRT): products, SBOMs, vulnerability cases, advisories. */
const psirtActions: Action[] = [
  'products:read',
  'products:manage',
  'vulnerabilities:read',
  'vulnerabilities:manage',
  'advisories:publish',
];

const officeActions: Action[] = [
  'org:read',
  'org:manage',
  'people:read',
  'people:manage',
  'accounts:read',
  'accounts:request',
  'accounts:approve',
  'accounts:manage',
  'roles:read',
  'roles:assign',
  'audit:read',
];

export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  system_admin: ACTIONS,
  ciso: ['org:read', 'people:read', 'accounts:read', 'roles:read', 'audit:read', 'products:read', 'vulnerabilities:read'],
  security_office: [...officeActions, 'settings:manage', ...psirtActions],
  site_security_office: officeActions,
  org_head: ['org:read', 'people:read', 'accounts:read', 'accounts:request', 'accounts:approve'],
  promotion_leader: ['org:read', 'people:read', 'accounts:request'],
  auditor: ['org:read', 'people:read', 'accounts:read', 'roles:read', 'audit:read'],
  psirt_member: ['org:read', ...psirtActions],
  csirt_member: ['org:read'],
  employee: ['org:read'],
};

/** Roles whose scope is always the whole group (an org-unit scope is refused for them). */
export const GROUP_WIDE_ROLES: readonly Role[] = ['system_admin', 'ciso', 'security_office'];

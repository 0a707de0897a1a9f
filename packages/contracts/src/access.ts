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
  /** An external account of a business partner: only its own company's check sheets, requests and reports. */
  'partner_user',
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
  'partners:read',
  'partners:manage',
  'partner-campaigns:manage',
  'partner-assessments:review',
  'improvement-requests:manage',
  'partner-portal:answer',
  'partner-portal:report',
] as const;
export type Action = (typeof ACTIONS)[number];

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

/** What the partner portal may do: answer its own check sheets and improvement requests, report incidents. */
export const PARTNER_ACTIONS: readonly Action[] = ['partners:read', 'partner-portal:answer', 'partner-portal:report'];

/** The partner programme as the security office runs it (a site office: for partners working with its site). */
const partnerOfficeActions: Action[] = [
  'partners:read',
  'partners:manage',
  'partner-assessments:review',
  'improvement-requests:manage',
];

export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  system_admin: ACTIONS.filter((a) => !PARTNER_ACTIONS.includes(a) || a === 'partners:read'),
  ciso: ['org:read', 'people:read', 'accounts:read', 'roles:read', 'audit:read', 'partners:read'],
  security_office: [...officeActions, 'settings:manage', ...partnerOfficeActions, 'partner-campaigns:manage'],
  site_security_office: [...officeActions, ...partnerOfficeActions],
  org_head: ['org:read', 'people:read', 'accounts:read', 'accounts:request', 'accounts:approve', 'partners:read'],
  promotion_leader: ['org:read', 'people:read', 'accounts:request'],
  auditor: ['org:read', 'people:read', 'accounts:read', 'roles:read', 'audit:read', 'partners:read'],
  psirt_member: ['org:read'],
  csirt_member: ['org:read'],
  employee: ['org:read'],
  partner_user: PARTNER_ACTIONS,
};

/** Roles whose scope is always the whole group (an org-unit scope is refused for them). */
export const GROUP_WIDE_ROLES: readonly Role[] = ['system_admin', 'ciso', 'security_office', 'partner_user'];

/** The only role an external (partner) account may hold; internal accounts may not hold it. */
export const EXTERNAL_ROLES: readonly Role[] = ['partner_user'];

import type { Grants } from './roles';

/** The organisation, its people and accounts, the audit log and the group's settings. */
export const ORG_ACTIONS = [
  'org:read',
  'org:manage',
  /** companies of the group (issue #22): their ISMS profile, key figures and settings; manage = profile + own settings */
  'companies:read',
  'companies:manage',
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
  /** Single sign-on providers and their secrets: system administrators only (docs/identity.md). */
  'identity:configure',
] as const;
type OrgAction = (typeof ORG_ACTIONS)[number];

/** What both security offices keep: the organisation, people, accounts and role grants in scope, and the audit log. */
const office: OrgAction[] = [
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

export const ORG_GRANTS: Grants<OrgAction> = {
  ciso: ['org:read', 'companies:read', 'people:read', 'accounts:read', 'roles:read', 'audit:read'],
  security_office: [...office, 'companies:read', 'companies:manage', 'settings:manage'],
  site_security_office: office,
  org_head: ['org:read', 'people:read', 'accounts:read', 'accounts:request', 'accounts:approve'],
  promotion_leader: ['org:read', 'people:read', 'accounts:request'],
  auditor: ['org:read', 'companies:read', 'people:read', 'accounts:read', 'roles:read', 'audit:read'],
  psirt_member: ['org:read'],
  privacy_officer: ['org:read', 'people:read'],
  csirt_member: ['org:read'],
  fsirt_member: ['org:read'],
  employee: ['org:read'],
};

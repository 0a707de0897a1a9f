/**
 * The roles. A role assignment gives its actions within a scope (an org-unit subtree, or the whole group).
 * Each domain file of this folder lists its actions and which role holds which of them; access.ts joins them.
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
  /** The privacy office (CPO and staff): the personal-data register and data-subject requests in scope. */
  'privacy_officer',
  'csirt_member',
  /**
   * The FSIRT (seed 004): handles incidents on factory systems and production equipment, granted on a factory's
   * units; reads the factory systems of its scope and matches supplier advisories against them.
   */
  'fsirt_member',
  'employee',
  /** An external account of a business partner: only its own company's check sheets, requests and reports. */
  'partner_user',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a domain gives each role of its own actions. The system administrator's and the partner account's actions
 * follow a rule (access.ts), so a domain names only the other roles.
 */
export type Grants<A extends string> = Partial<Record<Exclude<Role, 'system_admin' | 'partner_user'>, readonly A[]>>;

/** Roles whose scope is always the whole group (an org-unit scope is refused for them). */
export const GROUP_WIDE_ROLES: readonly Role[] = ['system_admin', 'partner_user'];

/**
 * Roles held either group-wide (the holding's CISO and security office) or for one company: granted on an org unit
 * of kind `company`, they cover that company's subtree only (issue #22; an org unit of another kind is refused).
 */
export const COMPANY_ROLES: readonly Role[] = ['ciso', 'security_office'];

/**
 * Roles that act on one's own records (one's reports, one's take-outs): held group-wide, they still reach only
 * what is one's own, so the home page names one's own unit as their scope rather than the whole group.
 */
export const PERSONAL_ROLES: readonly Role[] = ['employee'];

/** The only role an external (partner) account may hold; internal accounts may not hold it. */
export const EXTERNAL_ROLES: readonly Role[] = ['partner_user'];

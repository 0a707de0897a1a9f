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
  'incidents:report',
  'incidents:receive',
  'incidents:read',
  'incidents:manage',
  'incidents:analyse',
  'partners:read',
  'partners:manage',
  'partner-campaigns:manage',
  'partner-assessments:review',
  'improvement-requests:manage',
  'partner-portal:answer',
  'partner-portal:report',
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

/**
 * Incidents (CSIRT) — a case is confidential (need-to-know):
 * - incidents:report  every role: report an incident or near miss, and open the cases one reported or
 *                     was added to as a member. That record-level rule lives in the incidents service's
 *                     where clause (reporter = me OR member = me OR in my incidents:read scope).
 * - incidents:receive org heads: told at once of reports from their unit (the nearest heads above the
 *                     reporter's unit) and added to the case as members, so they can pass it on.
 * - incidents:read    security offices, CSIRT and the CISO: every case in scope (each read is logged).
 * - incidents:manage  security offices and CSIRT: handle cases in scope (status, facts, clocks, members).
 * - incidents:analyse statistics, XLSX export and anonymised summaries (no names): offices, CSIRT, CISO
 *                     and internal auditors, who review the programme but do not read case files.
 */
const incidentHandler: Action[] = ['incidents:report', 'incidents:read', 'incidents:manage', 'incidents:analyse'];

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
  // Everything but being an organisation's head (incidents:receive adds the receiver to each case) and the
  // partner portal's own actions (those belong to partner accounts).
  system_admin: ACTIONS.filter((a) => a !== 'incidents:receive' && (!PARTNER_ACTIONS.includes(a) || a === 'partners:read')),
  ciso: [
    'org:read',
    'people:read',
    'accounts:read',
    'roles:read',
    'audit:read',
    'incidents:report',
    'incidents:read',
    'incidents:analyse',
    'partners:read',
    'products:read',
    'vulnerabilities:read',
  ],
  security_office: [
    ...officeActions,
    'settings:manage',
    ...incidentHandler,
    ...partnerOfficeActions,
    'partner-campaigns:manage',
    ...psirtActions,
  ],
  site_security_office: [...officeActions, ...incidentHandler, ...partnerOfficeActions],
  org_head: [
    'org:read',
    'people:read',
    'accounts:read',
    'accounts:request',
    'accounts:approve',
    'incidents:report',
    'incidents:receive',
    'partners:read',
  ],
  promotion_leader: ['org:read', 'people:read', 'accounts:request', 'incidents:report'],
  auditor: [
    'org:read',
    'people:read',
    'accounts:read',
    'roles:read',
    'audit:read',
    'incidents:report',
    'incidents:analyse',
    'partners:read',
  ],
  psirt_member: ['org:read', 'incidents:report', ...psirtActions],
  csirt_member: ['org:read', ...incidentHandler],
  employee: ['org:read', 'incidents:report'],
  partner_user: PARTNER_ACTIONS,
};

/** Roles whose scope is always the whole group (an org-unit scope is refused for them). */
export const GROUP_WIDE_ROLES: readonly Role[] = ['system_admin', 'ciso', 'security_office', 'partner_user'];

/** The only role an external (partner) account may hold; internal accounts may not hold it. */
export const EXTERNAL_ROLES: readonly Role[] = ['partner_user'];

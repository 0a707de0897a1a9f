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
  'partners:analyse',
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

/**
 * The partner programme as the security office runs it (a site office: for partners working with its site).
 * partners:analyse is the programme at a glance (the dashboard and the lists behind its figures as XLSX):
 * the offices and the CISO, who oversees without changing anything.
 */
const partnerOfficeActions: Action[] = [
  'partners:read',
  'partners:manage',
  'partners:analyse',
  'partner-assessments:review',
  'improvement-requests:manage',
];

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
const ismsOffice: Action[] = [
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
    'partners:analyse',
    'products:read',
    'vulnerabilities:read',
    'assets:read',
    'take-outs:request',
    'take-outs:approve',
    'risks:read',
    'controls:read',
    'soa:approve',
  ],
  security_office: [
    ...officeActions,
    'settings:manage',
    ...incidentHandler,
    ...partnerOfficeActions,
    'partner-campaigns:manage',
    ...psirtActions,
    ...ismsOffice,
    'isms:configure',
  ],
  site_security_office: [...officeActions, ...incidentHandler, ...partnerOfficeActions, ...ismsOffice],
  org_head: [
    'org:read',
    'people:read',
    'accounts:read',
    'accounts:request',
    'accounts:approve',
    'incidents:report',
    'incidents:receive',
    'partners:read',
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
    'org:read',
    'people:read',
    'accounts:request',
    'incidents:report',
    'assets:read',
    'assets:manage',
    'take-outs:request',
    'risks:read',
    'risks:manage',
    'controls:read',
    'control-status:answer',
  ],
  auditor: [
    'org:read',
    'people:read',
    'accounts:read',
    'roles:read',
    'audit:read',
    'incidents:report',
    'incidents:analyse',
    'partners:read',
    'assets:read',
    'risks:read',
    'controls:read',
  ],
  psirt_member: ['org:read', 'incidents:report', 'take-outs:request', ...psirtActions],
  csirt_member: ['org:read', 'take-outs:request', ...incidentHandler],
  employee: ['org:read', 'incidents:report', 'take-outs:request'],
  partner_user: PARTNER_ACTIONS,
};

/** Roles whose scope is always the whole group (an org-unit scope is refused for them). */
export const GROUP_WIDE_ROLES: readonly Role[] = ['system_admin', 'ciso', 'security_office', 'partner_user'];

/**
 * Roles that act on one's own records (one's reports, one's take-outs): held group-wide, they still reach only
 * what is one's own, so the home page names one's own unit as their scope rather than the whole group.
 */
export const PERSONAL_ROLES: readonly Role[] = ['employee'];

/** The only role an external (partner) account may hold; internal accounts may not hold it. */
export const EXTERNAL_ROLES: readonly Role[] = ['partner_user'];

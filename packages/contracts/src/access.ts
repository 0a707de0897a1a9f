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

export const ACTIONS = [
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
  /** report a case to the authorities: mark it actively exploited (CRA art. 14), record submissions and the fix */
  'vulnerabilities:report',
  'advisories:publish',
  /** approve a version of the ISO/SAE 21434 TARA method (the CISO over product security; drafts: products:manage) */
  'tara-methods:approve',
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
  'training:take',
  'training:read',
  'training:manage',
  'drills:read',
  'drills:manage',
  'privacy:read',
  'privacy:manage',
  'privacy-requests:handle',
  'zones:read',
  'zones:manage',
  'bring-ins:request',
  'bring-ins:approve',
  'visitors:manage',
  'dashboard:read',
  'reports:generate',
  'reports:manage',
  /** certificates and labels per company (issue #22): read by people of the company, managed by its office */
  'certifications:read',
  'certifications:manage',
  /** the holding CSIRT's board of the companies' incidents shared upward (only the shared fields) */
  'group-incidents:read',
  /** IT, cloud and factory systems (issue #23): the inventory in scope, its coverage and gaps */
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
export type Action = (typeof ACTIONS)[number];

/** Product security (PSIRT): products, SBOMs, vulnerability cases, CRA reporting, advisories. */
const psirtActions: Action[] = [
  'products:read',
  'products:manage',
  'vulnerabilities:read',
  'vulnerabilities:manage',
  'vulnerabilities:report',
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
const incidentHandler: Action[] = [
  'incidents:report',
  'incidents:read',
  'incidents:manage',
  'incidents:analyse',
  'group-incidents:read',
];

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

/**
 * Governance (issue #12): policies and guides, the yearly plan, internal audits, management review.
 * - documents:read          every internal account reads the published documents that apply to it (a record rule).
 * - documents:manage/approve the offices draft documents; the CISO approves a version.
 * - plans:read / plans:manage the yearly plan and its progress in scope / make and publish it (security office).
 * - plan-tasks:complete     a unit's promotion leader, head or site office records its tasks done.
 * - audits:read / manage / conduct  the programme in scope / run it (offices) / audit as an assigned auditor.
 * - findings:answer         the audited unit answers findings with corrective actions.
 * - management-review:manage/decide  the office assembles the pack; the CISO records decisions.
 * Education (issue #13): training:take (everyone internal: one's own courses and pledges), training:read
 * (completion in scope), training:manage (courses, curricula, pledge texts), drills:read (aggregate results)
 * and drills:manage (the security office as a team; only it sees a person's drill result).
 * Privacy and zones (issue #14): privacy:read / privacy:manage (the register in scope), privacy-requests:handle
 * (data-subject requests), zones:read (everyone internal: where what may be handled), zones:manage,
 * bring-ins:request / approve (the zone's owner, a record rule), visitors:manage (the visitor log).
 * Reports (issue #15): dashboard:read (figures in scope), reports:generate, reports:manage (templates).
 */
const everyoneInternal: Action[] = [
  'documents:read',
  'training:take',
  'zones:read',
  'bring-ins:request',
  'certifications:read',
  'approved-services:read',
];
/** Systems (issue #23): the offices keep the inventory, import coverage and decide pre-use reviews. */
const systemsOffice: Action[] = [
  'systems:read',
  'systems:manage',
  'coverage:import',
  'service-reviews:request',
  'service-reviews:decide',
  'assessments:manage',
];
/** A unit's head and promotion leader keep their unit's systems and ask for pre-use reviews. */
const systemsUnit: Action[] = ['systems:read', 'systems:manage', 'service-reviews:request'];
const governanceOffice: Action[] = [
  'documents:manage',
  'plans:read',
  'plan-tasks:complete',
  'audits:read',
  'audits:manage',
  'management-review:manage',
  'training:read',
  'drills:read',
  'privacy:read',
  'zones:manage',
  'bring-ins:approve',
  'visitors:manage',
  'dashboard:read',
  'reports:generate',
];

export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  // Everything but being an organisation's head (incidents:receive adds the receiver to each case), the partner
  // portal's own actions (those belong to partner accounts) and drills:manage: a person's drill result is seen by the
  // security office only (issue #13); an administrator reads the aggregate results (drills:read).
  system_admin: ACTIONS.filter(
    (a) => a !== 'incidents:receive' && a !== 'drills:manage' && (!PARTNER_ACTIONS.includes(a) || a === 'partners:read'),
  ),
  ciso: [
    'org:read',
    'companies:read',
    'people:read',
    'accounts:read',
    'roles:read',
    'audit:read',
    'incidents:report',
    'incidents:read',
    'incidents:analyse',
    'group-incidents:read',
    'partners:read',
    'partners:analyse',
    'products:read',
    'tara-methods:approve',
    'vulnerabilities:read',
    'assets:read',
    'take-outs:request',
    'take-outs:approve',
    'risks:read',
    'controls:read',
    'soa:approve',
    ...everyoneInternal,
    'documents:approve',
    'plans:read',
    'audits:read',
    'management-review:decide',
    'training:read',
    'drills:read',
    'privacy:read',
    'dashboard:read',
    'reports:generate',
    'systems:read',
    'assessment-exceptions:approve',
  ],
  security_office: [
    ...officeActions,
    'companies:read',
    'companies:manage',
    'settings:manage',
    ...incidentHandler,
    ...partnerOfficeActions,
    'partner-campaigns:manage',
    ...psirtActions,
    ...ismsOffice,
    'isms:configure',
    ...everyoneInternal,
    ...governanceOffice,
    'plans:manage',
    'training:manage',
    'drills:manage',
    'privacy-requests:handle',
    'reports:manage',
    'certifications:manage',
    ...systemsOffice,
    'assessment-exceptions:approve',
  ],
  site_security_office: [
    ...officeActions,
    ...incidentHandler,
    ...partnerOfficeActions,
    ...ismsOffice,
    ...everyoneInternal,
    ...governanceOffice,
    'certifications:manage',
    ...systemsOffice,
    'assessment-exceptions:approve',
  ],
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
    ...everyoneInternal,
    'plans:read',
    'plan-tasks:complete',
    'audits:read',
    'findings:answer',
    'training:read',
    'privacy:read',
    'bring-ins:approve',
    'dashboard:read',
    ...systemsUnit,
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
    ...everyoneInternal,
    'plans:read',
    'plan-tasks:complete',
    'findings:answer',
    'training:read',
    'privacy:read',
    'privacy:manage',
    ...systemsUnit,
  ],
  auditor: [
    'org:read',
    'companies:read',
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
    ...everyoneInternal,
    'plans:read',
    'audits:read',
    'audits:conduct',
    'privacy:read',
    'systems:read',
  ],
  psirt_member: ['org:read', 'incidents:report', 'take-outs:request', ...psirtActions, ...everyoneInternal],
  csirt_member: ['org:read', 'take-outs:request', ...incidentHandler, ...everyoneInternal, 'systems:read', 'assessments:manage'],
  fsirt_member: ['org:read', 'take-outs:request', ...incidentHandler, ...everyoneInternal, 'systems:read'],
  privacy_officer: [
    'org:read',
    'people:read',
    'incidents:report',
    'take-outs:request',
    'assets:read',
    'partners:read',
    ...everyoneInternal,
    'privacy:read',
    'privacy:manage',
    'privacy-requests:handle',
    'training:read',
  ],
  employee: ['org:read', 'incidents:report', 'take-outs:request', ...everyoneInternal],
  partner_user: PARTNER_ACTIONS,
};

/** Roles whose scope is always the whole group (an org-unit scope is refused for them). */
export const GROUP_WIDE_ROLES: readonly Role[] = ['system_admin', 'partner_user'];

/**
 * Roles held either group-wide (the holding's CISO and security office) or for one company: granted on an org unit
 * of kind `company`, they cover that company's subtree only (issue #22; an org unit of another kind is refused).
 */
export const COMPANY_ROLES: readonly Role[] = ['ciso', 'security_office'];

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

/**
 * Roles that act on one's own records (one's reports, one's take-outs): held group-wide, they still reach only
 * what is one's own, so the home page names one's own unit as their scope rather than the whole group.
 */
export const PERSONAL_ROLES: readonly Role[] = ['employee'];

/** The only role an external (partner) account may hold; internal accounts may not hold it. */
export const EXTERNAL_ROLES: readonly Role[] = ['partner_user'];

import type { Action } from '../api/types';

export interface NavItem {
  to:
    | '/'
    | '/org'
    | '/companies'
    | '/people'
    | '/accounts'
    | '/roles'
    | '/audit'
    | '/settings'
    | '/getting-started'
    | '/incidents'
    | '/assets'
    | '/assets/settings'
    | '/vulnerabilities'
    | '/supplier-advisories'
    | '/partners'
    | '/partner-campaigns'
    | '/improvement-requests'
    | '/portal'
    | '/portal/improvements'
    | '/portal/report'
    | '/products'
    | '/components'
    | '/tara-analyses'
    | '/tara-methods'
    | '/test-plans'
    | '/interface-agreements'
    | '/iec62443'
    | '/risks'
    | '/business-flows'
    | '/risk-method'
    | '/take-outs'
    | '/asset-reviews'
    | '/soa'
    | '/control-status'
    | '/plans'
    | '/plan-tasks'
    | '/plan-progress'
    | '/audits'
    | '/audit-findings'
    | '/training'
    | '/training/completion'
    | '/training/courses'
    | '/drills'
    | '/privacy/register'
    | '/privacy/requests'
    | '/zones'
    | '/systems'
    | '/service-reviews'
    | '/approved-services'
    | '/coverage/import'
    | '/assessments'
    | '/ot-advisories'
    | '/certifications'
    | '/group-incidents'
    | '/bring-ins'
    | '/documents'
    | '/management-reviews'
    | '/dashboard'
    | '/reports';
  label: string;
  testId: string;
  /** shown when the user has any of these actions; no list = everyone signed in */
  anyOf?: Action[];
  /** hidden when the user has any of these (partner accounts also read partners, but only their own) */
  noneOf?: Action[];
}

/**
 * The navbar's sections, in order: each page belongs to one (SECTION_OF, complete by type), and the navbar shows a
 * section's heading above its visible entries, so forty pages read as six groups.
 */
export const NAV_SECTIONS = ['overview', 'isms', 'governance', 'education', 'response', 'administration'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

export const SECTION_OF: Record<NavItem['to'], NavSection> = {
  '/': 'overview',
  '/dashboard': 'overview',
  '/reports': 'overview',
  '/assets': 'isms',
  '/assets/settings': 'isms',
  '/take-outs': 'isms',
  '/asset-reviews': 'isms',
  '/risks': 'isms',
  '/business-flows': 'isms',
  '/risk-method': 'isms',
  '/soa': 'isms',
  '/control-status': 'isms',
  '/zones': 'isms',
  '/systems': 'isms',
  '/service-reviews': 'isms',
  '/approved-services': 'isms',
  '/coverage/import': 'isms',
  '/assessments': 'isms',
  '/ot-advisories': 'isms',
  '/certifications': 'isms',
  '/bring-ins': 'isms',
  '/privacy/register': 'isms',
  '/privacy/requests': 'isms',
  '/documents': 'governance',
  '/plans': 'governance',
  '/plan-tasks': 'governance',
  '/plan-progress': 'governance',
  '/audits': 'governance',
  '/audit-findings': 'governance',
  '/management-reviews': 'governance',
  '/training': 'education',
  '/training/completion': 'education',
  '/training/courses': 'education',
  '/drills': 'education',
  '/incidents': 'response',
  '/group-incidents': 'response',
  '/vulnerabilities': 'response',
  '/supplier-advisories': 'response',
  '/products': 'response',
  '/components': 'response',
  '/tara-analyses': 'response',
  '/tara-methods': 'response',
  '/test-plans': 'response',
  '/interface-agreements': 'response',
  '/iec62443': 'response',
  '/partners': 'response',
  '/partner-campaigns': 'response',
  '/improvement-requests': 'response',
  '/portal': 'response',
  '/portal/improvements': 'response',
  '/portal/report': 'response',
  '/org': 'administration',
  '/companies': 'administration',
  '/people': 'administration',
  '/accounts': 'administration',
  '/roles': 'administration',
  '/audit': 'administration',
  '/settings': 'administration',
  '/getting-started': 'administration',
};

/** The navbar by domain; only what exists, only what the user may see. */
export const NAV: NavItem[] = [
  { to: '/', label: 'nav.home', testId: 'nav-home' },
  { to: '/org', label: 'nav.org', testId: 'nav-org', anyOf: ['org:read'] },
  // The group's companies side by side, their profiles and settings (issue #22).
  { to: '/companies', label: 'companies.nav', testId: 'nav-companies', anyOf: ['companies:read'] },
  { to: '/people', label: 'nav.people', testId: 'nav-people', anyOf: ['people:read'] },
  {
    to: '/accounts',
    label: 'nav.accounts',
    testId: 'nav-accounts',
    anyOf: ['accounts:read', 'accounts:request', 'accounts:approve'],
  },
  // The ISMS core: the asset ledger in scope, and the classification settings for the security office.
  { to: '/assets', label: 'assets.nav', testId: 'nav-assets', anyOf: ['assets:read'] },
  { to: '/assets/settings', label: 'assets.settings.nav', testId: 'nav-asset-settings', anyOf: ['isms:configure'] },
  // Everyone may report; the list shows each user their own reports, the office every case in scope.
  { to: '/incidents', label: 'incidents.nav', testId: 'nav-incidents', anyOf: ['incidents:report'] },
  // The holding CSIRT's board of the companies' incidents shared upward (issue #22).
  {
    to: '/group-incidents',
    label: 'groupIncidents.nav',
    testId: 'nav-group-incidents',
    anyOf: ['group-incidents:read'],
  },
  // Product security: the PSIRT's vulnerability cases (need-to-know; the public report form needs no account).
  {
    to: '/vulnerabilities',
    label: 'psirtCases.nav',
    testId: 'nav-vulnerabilities',
    anyOf: ['vulnerabilities:read'],
  },
  // Suppliers' CSAF advisories and VEX, matched against our SBOM components and systems (issues #17, #23).
  {
    to: '/supplier-advisories',
    label: 'supplierAdvisoriesNav.nav',
    testId: 'nav-supplier-advisories',
    anyOf: ['supplier-advisories:read'],
  },
  // The partner programme: the office's pages for internal accounts, the portal for partner accounts.
  {
    to: '/partners',
    label: 'partners.nav.partners',
    testId: 'nav-partners',
    anyOf: ['partners:read'],
    noneOf: ['partner-portal:answer'],
  },
  {
    to: '/partner-campaigns',
    label: 'partners.nav.campaigns',
    testId: 'nav-partner-campaigns',
    anyOf: ['partner-campaigns:manage'],
  },
  {
    to: '/improvement-requests',
    label: 'partners.nav.improvements',
    testId: 'nav-improvement-requests',
    anyOf: ['improvement-requests:manage'],
  },
  { to: '/portal', label: 'partners.nav.portal', testId: 'nav-portal', anyOf: ['partner-portal:answer'] },
  {
    to: '/portal/improvements',
    label: 'partners.nav.portalImprovements',
    testId: 'nav-portal-improvements',
    anyOf: ['partner-portal:answer'],
  },
  { to: '/portal/report', label: 'partners.nav.portalReport', testId: 'nav-portal-report', anyOf: ['partner-portal:report'] },
  // Product security (PSIRT): products with their releases, tests, SBOMs and threat analysis; where components ship.
  { to: '/products', label: 'products.nav.products', testId: 'nav-products', anyOf: ['products:read'] },
  { to: '/components', label: 'products.nav.components', testId: 'nav-components', anyOf: ['products:read'] },
  // ISO/SAE 21434: the analyses of the products in scope, and the group's method with its versions.
  { to: '/tara-analyses', label: 'tara.nav', testId: 'nav-tara', anyOf: ['products:read'] },
  { to: '/tara-methods', label: 'tara.methodsNav', testId: 'nav-tara-methods', anyOf: ['products:read'] },
  { to: '/test-plans', label: 'testing.nav', testId: 'nav-test-plans', anyOf: ['products:read'] },
  // ISO/SAE 21434 clause 7: who does what with each customer programme or supplier
  { to: '/interface-agreements', label: 'agreements.nav', testId: 'nav-agreements', anyOf: ['products:read'] },
  // IEC 62443-4-2 component requirements at a target SL, and the 4-1 practices, per industrial product
  { to: '/iec62443', label: 'iec62443.nav', testId: 'nav-iec62443', anyOf: ['products:read'] },
  // Risk assessment (ISMS): the register with its heat map, the business-flow analysis, the method.
  { to: '/risks', label: 'nav.risks', testId: 'nav-risks', anyOf: ['risks:read'] },
  { to: '/business-flows', label: 'nav.businessFlows', testId: 'nav-business-flows', anyOf: ['risks:manage'] },
  { to: '/risk-method', label: 'nav.riskMethod', testId: 'nav-risk-method', anyOf: ['isms:configure'] },
  // Information assets: take-outs (everyone internal may ask) and inventory campaigns (offices run, org heads confirm).
  { to: '/take-outs', label: 'takeOuts.nav', testId: 'nav-take-outs', anyOf: ['take-outs:request'] },
  {
    to: '/asset-reviews',
    label: 'assetReviews.nav',
    testId: 'nav-asset-reviews',
    anyOf: ['asset-reviews:manage', 'asset-reviews:confirm'],
  },
  // ISMS: the Statements of Applicability and the control-status requests to the units.
  { to: '/soa', label: 'soa.nav', testId: 'nav-soa', anyOf: ['controls:read'] },
  { to: '/control-status', label: 'controlStatus.nav', testId: 'nav-control-status', anyOf: ['controls:read'] },
  // Governance: the yearly activity plan (the office plans, the units do their tasks, offices follow progress).
  { to: '/plans', label: 'plans.nav', testId: 'nav-plans', anyOf: ['plans:read'] },
  { to: '/plan-tasks', label: 'plans.tasksNav', testId: 'nav-plan-tasks', anyOf: ['plan-tasks:complete'] },
  { to: '/plan-progress', label: 'plans.progressNav', testId: 'nav-plan-progress', anyOf: ['plans:read'] },
  // Governance: the internal audit programme, audits, findings and corrective actions.
  { to: '/audits', label: 'audits.nav', testId: 'nav-audits', anyOf: ['audits:read', 'audits:conduct'] },
  // the audited units answer their findings here (promotion leaders hold findings:answer without audits:read)
  { to: '/audit-findings', label: 'auditFindings.nav', testId: 'nav-audit-findings', anyOf: ['findings:answer'] },
  // Education: one's own training, pledges and self-checks (everyone internal); completion in scope; the catalogue.
  { to: '/training', label: 'training.nav', testId: 'nav-training', anyOf: ['training:take'] },
  { to: '/training/completion', label: 'trainingCompletion.nav', testId: 'nav-training-completion', anyOf: ['training:read'] },
  { to: '/training/courses', label: 'trainingAdmin.nav', testId: 'nav-training-courses', anyOf: ['training:manage'] },
  // Targeted-mail drills: the security office designs them; drills:read sees the aggregate results.
  { to: '/drills', label: 'drills.nav', testId: 'nav-drills', anyOf: ['drills:read', 'drills:manage'] },
  // Privacy: the personal-data register (officers, unit heads, promotion leaders) and data-subject requests.
  { to: '/privacy/register', label: 'privacy.nav', testId: 'nav-privacy-register', anyOf: ['privacy:read'] },
  { to: '/privacy/requests', label: 'privacy.requestsNav', testId: 'nav-privacy-requests', anyOf: ['privacy-requests:handle'] },
  // Physical zones: everyone internal reads them and may ask to bring a device in; zone owners approve.
  { to: '/zones', label: 'zones.nav', testId: 'nav-zones', anyOf: ['zones:read'] },
  { to: '/bring-ins', label: 'zones.bringInsNav', testId: 'nav-bring-ins', anyOf: ['bring-ins:request'] },
  // IT, cloud and factory systems (issue #23): the inventory with its coverage, pre-use reviews, the approved register.
  { to: '/systems', label: 'systems.nav', testId: 'nav-systems', anyOf: ['systems:read'] },
  {
    to: '/service-reviews',
    label: 'systems.reviewsNav',
    testId: 'nav-service-reviews',
    anyOf: ['service-reviews:request', 'service-reviews:decide'],
  },
  { to: '/approved-services', label: 'systems.registerNav', testId: 'nav-approved-services', anyOf: ['approved-services:read'] },
  { to: '/coverage/import', label: 'systems.importNav', testId: 'nav-coverage-import', anyOf: ['coverage:import'] },
  { to: '/assessments', label: 'systems.assessmentsNav', testId: 'nav-assessments', anyOf: ['systems:read'] },
  // FSIRT: a supplier's advisory matched against the factory systems in reach.
  { to: '/ot-advisories', label: 'systems.otAdvisoriesNav', testId: 'nav-ot-advisories', anyOf: ['systems:read'] },
  // Certificates and labels per company (ISO/IEC 27001, TISAX…): people of the company read, its office manages.
  { to: '/certifications', label: 'certifications.nav', testId: 'nav-certifications', anyOf: ['certifications:read'] },
  // Governance: the rules everyone reads (the portal), and the CISO's yearly management review.
  { to: '/documents', label: 'documents.nav', testId: 'nav-documents', anyOf: ['documents:read'] },
  {
    to: '/management-reviews',
    label: 'managementReview.nav',
    testId: 'nav-management-reviews',
    anyOf: ['management-review:manage', 'management-review:decide'],
  },
  // The programme at a glance and the reports made from it (issue #15).
  { to: '/dashboard', label: 'dashboard.nav', testId: 'nav-dashboard', anyOf: ['dashboard:read'] },
  { to: '/reports', label: 'reports.nav', testId: 'nav-reports', anyOf: ['reports:generate'] },
  { to: '/roles', label: 'nav.roles', testId: 'nav-roles', anyOf: ['roles:read'] },
  { to: '/audit', label: 'nav.audit', testId: 'nav-audit', anyOf: ['audit:read'] },
  { to: '/settings', label: 'nav.settings', testId: 'nav-settings', anyOf: ['settings:manage'] },
  { to: '/getting-started', label: 'nextSteps.nav', testId: 'nav-next-steps', anyOf: ['settings:manage'] },
];

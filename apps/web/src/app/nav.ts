import type { Action } from '../api/types';

export interface NavItem {
  to:
    | '/'
    | '/org'
    | '/people'
    | '/accounts'
    | '/roles'
    | '/audit'
    | '/settings'
    | '/incidents'
    | '/assets'
    | '/assets/settings'
    | '/vulnerabilities'
    | '/partners'
    | '/partner-campaigns'
    | '/improvement-requests'
    | '/portal'
    | '/portal/improvements'
    | '/portal/report'
    | '/products'
    | '/components'
    | '/risks'
    | '/business-flows'
    | '/risk-method'
    | '/take-outs'
    | '/asset-reviews'
    | '/soa'
    | '/control-status'
    | '/dashboard'
    | '/reports';
  label: string;
  testId: string;
  /** shown when the user has any of these actions; no list = everyone signed in */
  anyOf?: Action[];
  /** hidden when the user has any of these (partner accounts also read partners, but only their own) */
  noneOf?: Action[];
}

/** The navbar by domain; only what exists, only what the user may see. */
export const NAV: NavItem[] = [
  { to: '/', label: 'nav.home', testId: 'nav-home' },
  { to: '/org', label: 'nav.org', testId: 'nav-org', anyOf: ['org:read'] },
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
  // Product security: the PSIRT's vulnerability cases (need-to-know; the public report form needs no account).
  {
    to: '/vulnerabilities',
    label: 'psirtCases.nav',
    testId: 'nav-vulnerabilities',
    anyOf: ['vulnerabilities:read'],
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
  // The programme at a glance and the reports made from it (issue #15).
  { to: '/dashboard', label: 'dashboard.nav', testId: 'nav-dashboard', anyOf: ['dashboard:read'] },
  { to: '/reports', label: 'reports.nav', testId: 'nav-reports', anyOf: ['reports:generate'] },
  { to: '/roles', label: 'nav.roles', testId: 'nav-roles', anyOf: ['roles:read'] },
  { to: '/audit', label: 'nav.audit', testId: 'nav-audit', anyOf: ['audit:read'] },
  { to: '/settings', label: 'nav.settings', testId: 'nav-settings', anyOf: ['settings:manage'] },
];

import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Outlet } from '@tanstack/react-router';
import { AppLayout } from './app/AppLayout';
import { loadCatalogues } from './i18n/modules';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

const rootRoute = createRootRoute({ component: Outlet });

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  component: lazyRouteComponent(() => import('./modules/auth/SetupPage'), 'SetupPage'),
});
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>) => ({ redirect: str(s.redirect) }),
  component: lazyRouteComponent(() => import('./modules/auth/SignInPage'), 'SignInPage'),
});
const activateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/activate',
  validateSearch: (s: Record<string, unknown>) => ({ token: str(s.token) }),
  component: lazyRouteComponent(() => import('./modules/accounts/ActivatePage'), 'ActivatePage'),
});

/** Product security pages for the public: published advisories and the vulnerability report form. */
const advisoriesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/advisories',
  component: lazyRouteComponent(() => import('./modules/psirt/AdvisoriesPage'), 'AdvisoriesPage'),
});
const advisoryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/advisories/$id',
  component: lazyRouteComponent(() => import('./modules/psirt/AdvisoryPage'), 'AdvisoryPage'),
});
const reportVulnerabilityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/security/report',
  component: lazyRouteComponent(() => import('./modules/psirt/ReportPage'), 'ReportPage'),
});

const reportTrackingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/security/reports/$token',
  component: lazyRouteComponent(() => import('./modules/psirt/TrackingPage'), 'TrackingPage'),
});

/** Everything behind sign-in, inside the app shell. */
const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: AppLayout });
/** A page inside the shell; `catalogues` names the domains whose texts (modules/<domain>/i18n) it needs. */
const page = <P extends string>(
  path: P,
  load: () => Promise<Record<string, React.ComponentType>>,
  name: string,
  catalogues: readonly string[] = [],
) =>
  createRoute({
    getParentRoute: () => appRoute,
    path,
    component: lazyRouteComponent(
      catalogues.length === 0 ? load : () => Promise.all([load(), loadCatalogues(catalogues)]).then(([m]) => m),
      name,
    ),
  });

const homeRoute = page('/', () => import('./modules/home/HomePage'), 'HomePage', ['reports']);
const assetsRoute = page('/assets', () => import('./modules/assets/AssetsPage'), 'AssetsPage');
const assetSettingsRoute = page('/assets/settings', () => import('./modules/assets/AssetSettingsPage'), 'AssetSettingsPage');
const assetRoute = page('/assets/$id', () => import('./modules/assets/AssetPage'), 'AssetPage');
const orgRoute = page('/org', () => import('./modules/org/OrgPage'), 'OrgPage');
const peopleRoute = page('/people', () => import('./modules/org/PeoplePage'), 'PeoplePage');
const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts',
  validateSearch: (s: Record<string, unknown>) => ({ tab: str(s.tab) }),
  component: lazyRouteComponent(() => import('./modules/accounts/AccountsPage'), 'AccountsPage'),
});
const rolesRoute = page('/roles', () => import('./modules/accounts/RolesPage'), 'RolesPage');
const auditRoute = page('/audit', () => import('./modules/audit/AuditPage'), 'AuditPage');
const incidentsRoute = page('/incidents', () => import('./modules/incidents/IncidentsPage'), 'IncidentsPage');
const incidentReportRoute = page('/incidents/report', () => import('./modules/incidents/ReportPage'), 'ReportPage');
const incidentStatsRoute = page('/incidents/stats', () => import('./modules/incidents/StatsPage'), 'StatsPage');
const incidentRoute = page('/incidents/$id', () => import('./modules/incidents/CasePage'), 'CasePage');
const risksRoute = page('/risks', () => import('./modules/risks/RisksPage'), 'RisksPage');
const newRiskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/risks/new',
  validateSearch: (s: Record<string, unknown>) => ({ flowId: str(s.flowId), stepId: str(s.stepId), unitId: str(s.unitId) }),
  component: lazyRouteComponent(() => import('./modules/risks/RiskPage'), 'NewRiskPage'),
});
const riskRoute = page('/risks/$id', () => import('./modules/risks/RiskPage'), 'RiskPage');
const flowsRoute = page('/business-flows', () => import('./modules/risks/FlowsPage'), 'FlowsPage');
const flowRoute = page('/business-flows/$id', () => import('./modules/risks/FlowPage'), 'FlowPage');
const riskMethodRoute = page('/risk-method', () => import('./modules/risks/MethodPage'), 'MethodPage');
const vulnerabilitiesRoute = page(
  '/vulnerabilities',
  () => import('./modules/vulnerabilities/VulnerabilitiesPage'),
  'VulnerabilitiesPage',
);
const vulnerabilityRoute = page('/vulnerabilities/$id', () => import('./modules/vulnerabilities/CasePage'), 'CasePage');
const partnersRoute = page('/partners', () => import('./modules/partners/PartnersPage'), 'PartnersPage');
const partnerDashboardRoute = page('/partners/dashboard', () => import('./modules/partners/DashboardPage'), 'DashboardPage');
const partnerRoute = page('/partners/$id', () => import('./modules/partners/PartnerPage'), 'PartnerPage');
const campaignsRoute = page('/partner-campaigns', () => import('./modules/partners/CampaignsPage'), 'CampaignsPage');
const reviewRoute = page('/partner-assessments/$id', () => import('./modules/partners/ReviewPage'), 'ReviewPage');
const IR = () => import('./modules/partners/ImprovementsPage');
const improvementsRoute = page('/improvement-requests', IR, 'ImprovementsPage');
const portalRoute = page('/portal', () => import('./modules/partners/PortalPage'), 'PortalPage');
const portalAnswerRoute = page('/portal/assessments/$id', () => import('./modules/partners/AnswerPage'), 'AnswerPage');
const portalImprovementsRoute = page('/portal/improvements', IR, 'ImprovementsPage');
const portalReportRoute = page('/portal/report', () => import('./modules/partners/PortalReportPage'), 'PortalReportPage');
const productsRoute = page('/products', () => import('./modules/products/ProductsPage'), 'ProductsPage');
const productRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/products/$id',
  validateSearch: (s: Record<string, unknown>) => ({ release: str(s.release), tab: str(s.tab) }),
  component: lazyRouteComponent(() => import('./modules/products/ProductPage'), 'ProductPage'),
});
const componentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/components',
  validateSearch: (s: Record<string, unknown>) => ({ name: str(s.name), version: str(s.version) }),
  component: lazyRouteComponent(() => import('./modules/products/ComponentsPage'), 'ComponentsPage'),
});
const takeOutsRoute = page('/take-outs', () => import('./modules/take-outs/TakeOutsPage'), 'TakeOutsPage');
const takeOutNewRoute = page('/take-outs/new', () => import('./modules/take-outs/NewTakeOutPage'), 'NewTakeOutPage');
const takeOutRoute = page('/take-outs/$id', () => import('./modules/take-outs/TakeOutPage'), 'TakeOutPage');
const reviewsRoute = page('/asset-reviews', () => import('./modules/asset-reviews/ReviewsPage'), 'ReviewsPage');
const assetReviewRoute = page('/asset-reviews/$id', () => import('./modules/asset-reviews/ReviewPage'), 'ReviewPage');
const reviewConfirmRoute = page(
  '/asset-reviews/$id/units/$unitId',
  () => import('./modules/asset-reviews/ConfirmPage'),
  'ConfirmPage',
);
const settingsRoute = page('/settings', () => import('./modules/settings/SettingsPage'), 'SettingsPage');
const notificationsRoute = page('/notifications', () => import('./modules/notifications/NotificationsPage'), 'NotificationsPage');
const soaListRoute = page('/soa', () => import('./modules/soa/SoaListPage'), 'SoaListPage', ['soa']);
const soaRoute = page('/soa/$id', () => import('./modules/soa/SoaPage'), 'SoaPage', ['soa']);
const controlStatusRoute = page('/control-status', () => import('./modules/soa/ControlStatusPage'), 'ControlStatusPage', ['soa']);
const controlStatusRequestRoute = page(
  '/control-status/$id',
  () => import('./modules/soa/ControlStatusRequestPage'),
  'ControlStatusRequestPage',
  ['soa'],
);
const dashboardRoute = page('/dashboard', () => import('./modules/reports/DashboardPage'), 'DashboardPage', ['reports']);
const reportsRoute = page('/reports', () => import('./modules/reports/ReportsPage'), 'ReportsPage', ['reports']);
const myAccountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account',
  validateSearch: (s: Record<string, unknown>) => ({ mfa: str(s.mfa) }),
  component: lazyRouteComponent(() => import('./modules/auth/MyAccountPage'), 'MyAccountPage'),
});

const routeTree = rootRoute.addChildren([
  setupRoute,
  signInRoute,
  activateRoute,
  advisoriesRoute,
  reportTrackingRoute,
  advisoryRoute,
  reportVulnerabilityRoute,
  appRoute.addChildren([
    homeRoute,
    orgRoute,
    peopleRoute,
    accountsRoute,
    rolesRoute,
    auditRoute,
    settingsRoute,
    notificationsRoute,
    myAccountRoute,
    incidentsRoute,
    incidentReportRoute,
    incidentStatsRoute,
    incidentRoute,
    vulnerabilitiesRoute,
    vulnerabilityRoute,
    risksRoute,
    newRiskRoute,
    riskRoute,
    flowsRoute,
    flowRoute,
    riskMethodRoute,
    partnersRoute,
    partnerDashboardRoute,
    partnerRoute,
    campaignsRoute,
    reviewRoute,
    improvementsRoute,
    portalRoute,
    portalAnswerRoute,
    portalImprovementsRoute,
    portalReportRoute,
    productsRoute,
    productRoute,
    componentsRoute,
    takeOutsRoute,
    takeOutNewRoute,
    takeOutRoute,
    reviewsRoute,
    assetReviewRoute,
    reviewConfirmRoute,
    soaListRoute,
    soaRoute,
    controlStatusRoute,
    controlStatusRequestRoute,
    dashboardRoute,
    reportsRoute,
    assetsRoute,
    assetSettingsRoute,
    assetRoute,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

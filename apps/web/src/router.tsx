import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Outlet } from '@tanstack/react-router';
import { AppLayout } from './app/AppLayout';
import { loadCatalogues } from './i18n/modules';

/**
 * A page's module and the domain catalogues its texts come from (modules/<domain>/i18n, i18n/modules.ts), fetched
 * together. The lists are written by apps/web/scripts/route-catalogues.py from the keys each page's files use; the
 * catalogue test checks every t() key exists somewhere, and the e2e sweep that no page shows a raw key.
 */
const withTexts =
  <M,>(domains: readonly string[], load: () => Promise<M>) =>
  () =>
    Promise.all([load(), loadCatalogues(domains)]).then(([m]) => m);

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
  // sso_error: why a single sign-on came back here (the server's callback sets it)
  validateSearch: (s: Record<string, unknown>): { redirect: string | undefined; sso_error?: string } => ({
    redirect: str(s.redirect),
    ...(str(s.sso_error) ? { sso_error: str(s.sso_error) } : {}),
  }),
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

const privacyPublicRequestRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/privacy/request',
  component: lazyRouteComponent(
    withTexts(['privacy', 'soa'], () => import('./modules/privacy/PublicRequestPage')),
    'PublicRequestPage',
  ),
});

const reportTrackingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/security/reports/$token',
  component: lazyRouteComponent(() => import('./modules/psirt/TrackingPage'), 'TrackingPage'),
});

/** Everything behind sign-in, inside the app shell. */
const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: AppLayout });
const page = <P extends string>(path: P, load: () => Promise<Record<string, React.ComponentType>>, name: string) =>
  createRoute({ getParentRoute: () => appRoute, path, component: lazyRouteComponent(load, name) });

const homeRoute = page(
  '/',
  withTexts(['reports'], () => import('./modules/home/HomePage')),
  'HomePage',
);
const assetsRoute = page(
  '/assets',
  withTexts(['assets'], () => import('./modules/assets/AssetsPage')),
  'AssetsPage',
);
const assetSettingsRoute = page(
  '/assets/settings',
  withTexts(['assets'], () => import('./modules/assets/AssetSettingsPage')),
  'AssetSettingsPage',
);
const assetRoute = page(
  '/assets/$id',
  withTexts(['assets'], () => import('./modules/assets/AssetPage')),
  'AssetPage',
);
const orgRoute = page('/org', () => import('./modules/org/OrgPage'), 'OrgPage');
const companiesRoute = page(
  '/companies',
  withTexts(['companies'], () => import('./modules/companies/GroupOverviewPage')),
  'GroupOverviewPage',
);
const companyRoute = page(
  '/companies/$unitId',
  withTexts(['companies', 'assets'], () => import('./modules/companies/CompanyPage')),
  'CompanyPage',
);
const peopleRoute = page('/people', () => import('./modules/org/PeoplePage'), 'PeoplePage');
const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts',
  validateSearch: (s: Record<string, unknown>) => ({ tab: str(s.tab) }),
  component: lazyRouteComponent(
    withTexts(['accounts'], () => import('./modules/accounts/AccountsPage')),
    'AccountsPage',
  ),
});
const rolesRoute = page('/roles', () => import('./modules/accounts/RolesPage'), 'RolesPage');
const auditRoute = page(
  '/audit',
  withTexts(['audit'], () => import('./modules/audit/AuditPage')),
  'AuditPage',
);
const incidentsRoute = page('/incidents', () => import('./modules/incidents/IncidentsPage'), 'IncidentsPage');
const incidentReportRoute = page('/incidents/report', () => import('./modules/incidents/ReportPage'), 'ReportPage');
const incidentStatsRoute = page('/incidents/stats', () => import('./modules/incidents/StatsPage'), 'StatsPage');
const incidentRoute = page('/incidents/$id', () => import('./modules/incidents/CasePage'), 'CasePage');
const risksRoute = page(
  '/risks',
  withTexts(['risks'], () => import('./modules/risks/RisksPage')),
  'RisksPage',
);
const newRiskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/risks/new',
  validateSearch: (s: Record<string, unknown>) => ({ flowId: str(s.flowId), stepId: str(s.stepId), unitId: str(s.unitId) }),
  component: lazyRouteComponent(
    withTexts(['risks'], () => import('./modules/risks/RiskPage')),
    'NewRiskPage',
  ),
});
const riskRoute = page(
  '/risks/$id',
  withTexts(['risks'], () => import('./modules/risks/RiskPage')),
  'RiskPage',
);
const flowsRoute = page(
  '/business-flows',
  withTexts(['risks'], () => import('./modules/risks/FlowsPage')),
  'FlowsPage',
);
const flowRoute = page(
  '/business-flows/$id',
  withTexts(['risks'], () => import('./modules/risks/FlowPage')),
  'FlowPage',
);
const riskMethodRoute = page(
  '/risk-method',
  withTexts(['risks'], () => import('./modules/risks/MethodPage')),
  'MethodPage',
);
const vulnerabilitiesRoute = page(
  '/vulnerabilities',
  () => import('./modules/vulnerabilities/VulnerabilitiesPage'),
  'VulnerabilitiesPage',
);
const vulnerabilityRoute = page(
  '/vulnerabilities/$id',
  withTexts(['vulnerabilities'], () => import('./modules/vulnerabilities/CasePage')),
  'CasePage',
);
const partnersRoute = page(
  '/partners',
  withTexts(['partners'], () => import('./modules/partners/PartnersPage')),
  'PartnersPage',
);
const partnerDashboardRoute = page(
  '/partners/dashboard',
  withTexts(['partners'], () => import('./modules/partners/DashboardPage')),
  'DashboardPage',
);
const partnerRoute = page(
  '/partners/$id',
  withTexts(['partners'], () => import('./modules/partners/PartnerPage')),
  'PartnerPage',
);
const campaignsRoute = page(
  '/partner-campaigns',
  withTexts(['partners'], () => import('./modules/partners/CampaignsPage')),
  'CampaignsPage',
);
const campaignRoute = page(
  '/partner-campaigns/$id',
  withTexts(['partners'], () => import('./modules/partners/CampaignPage')),
  'CampaignPage',
);
const reviewRoute = page(
  '/partner-assessments/$id',
  withTexts(['partners'], () => import('./modules/partners/ReviewPage')),
  'ReviewPage',
);
const IR = withTexts(['partners'], () => import('./modules/partners/ImprovementsPage'));
const improvementsRoute = page('/improvement-requests', IR, 'ImprovementsPage');
const portalRoute = page(
  '/portal',
  withTexts(['partners'], () => import('./modules/partners/PortalPage')),
  'PortalPage',
);
const portalAnswerRoute = page(
  '/portal/assessments/$id',
  withTexts(['partners'], () => import('./modules/partners/AnswerPage')),
  'AnswerPage',
);
const portalImprovementsRoute = page('/portal/improvements', IR, 'ImprovementsPage');
const portalReportRoute = page(
  '/portal/report',
  withTexts(['partners'], () => import('./modules/partners/PortalReportPage')),
  'PortalReportPage',
);
const productsRoute = page('/products', () => import('./modules/products/ProductsPage'), 'ProductsPage');
const productRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/products/$id',
  validateSearch: (s: Record<string, unknown>) => ({ release: str(s.release), tab: str(s.tab) }),
  component: lazyRouteComponent(
    withTexts(['product-testing'], () => import('./modules/products/ProductPage')),
    'ProductPage',
  ),
});
const testPlansRoute = page(
  '/test-plans',
  withTexts(['product-testing'], () => import('./modules/product-testing/TestPlansPage')),
  'TestPlansPage',
);
const testPlanRoute = page(
  '/test-plans/$id',
  withTexts(['product-testing'], () => import('./modules/product-testing/TestPlanPage')),
  'TestPlanPage',
);
const componentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/components',
  validateSearch: (s: Record<string, unknown>) => ({ name: str(s.name), version: str(s.version) }),
  component: lazyRouteComponent(() => import('./modules/products/ComponentsPage'), 'ComponentsPage'),
});
const taraListRoute = page(
  '/tara-analyses',
  withTexts(['tara'], () => import('./modules/tara/TaraListPage')),
  'TaraListPage',
);
const taraRoute = page(
  '/tara-analyses/$id',
  withTexts(['tara'], () => import('./modules/tara/WorkspacePage')),
  'WorkspacePage',
);
const taraMethodsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tara-methods',
  validateSearch: (s: Record<string, unknown>): { version?: number } =>
    Number.isInteger(Number(s.version)) && Number(s.version) > 0 ? { version: Number(s.version) } : {},
  component: lazyRouteComponent(
    withTexts(['tara'], () => import('./modules/tara/MethodsPage')),
    'MethodsPage',
  ),
});
const takeOutsRoute = page(
  '/take-outs',
  withTexts(['take-outs'], () => import('./modules/take-outs/TakeOutsPage')),
  'TakeOutsPage',
);
const takeOutNewRoute = page(
  '/take-outs/new',
  withTexts(['take-outs'], () => import('./modules/take-outs/NewTakeOutPage')),
  'NewTakeOutPage',
);
const takeOutRoute = page(
  '/take-outs/$id',
  withTexts(['take-outs'], () => import('./modules/take-outs/TakeOutPage')),
  'TakeOutPage',
);
const reviewsRoute = page(
  '/asset-reviews',
  withTexts(['asset-reviews'], () => import('./modules/asset-reviews/ReviewsPage')),
  'ReviewsPage',
);
const assetReviewRoute = page(
  '/asset-reviews/$id',
  withTexts(['asset-reviews'], () => import('./modules/asset-reviews/ReviewPage')),
  'ReviewPage',
);
const reviewConfirmRoute = page(
  '/asset-reviews/$id/units/$unitId',
  withTexts(['asset-reviews'], () => import('./modules/asset-reviews/ConfirmPage')),
  'ConfirmPage',
);
const settingsRoute = page(
  '/settings',
  withTexts(['settings'], () => import('./modules/settings/SettingsPage')),
  'SettingsPage',
);
const nextStepsRoute = page(
  '/getting-started',
  withTexts(['settings'], () => import('./modules/settings/NextStepsPage')),
  'NextStepsPage',
);
const notificationsRoute = page('/notifications', () => import('./modules/notifications/NotificationsPage'), 'NotificationsPage');
const soaListRoute = page(
  '/soa',
  withTexts(['soa'], () => import('./modules/soa/SoaListPage')),
  'SoaListPage',
);
const soaRoute = page(
  '/soa/$id',
  withTexts(['soa'], () => import('./modules/soa/SoaPage')),
  'SoaPage',
);
const controlStatusRoute = page(
  '/control-status',
  withTexts(['soa'], () => import('./modules/soa/ControlStatusPage')),
  'ControlStatusPage',
);
const plansRoute = page(
  '/plans',
  withTexts(['plans'], () => import('./modules/plans/PlansPage')),
  'PlansPage',
);
const planRoute = page(
  '/plans/$id',
  withTexts(['plans'], () => import('./modules/plans/PlanPage')),
  'PlanPage',
);
const planTasksRoute = page(
  '/plan-tasks',
  withTexts(['plans'], () => import('./modules/plans/PlanTasksPage')),
  'PlanTasksPage',
);
const planProgressRoute = page(
  '/plan-progress',
  withTexts(['plans'], () => import('./modules/plans/PlanProgressPage')),
  'PlanProgressPage',
);
const trainingRoute = page(
  '/training',
  withTexts(['training'], () => import('./modules/training/MyTrainingPage')),
  'MyTrainingPage',
);
const takeCourseRoute = page(
  '/training/assignments/$id',
  withTexts(['training'], () => import('./modules/training/TakeCoursePage')),
  'TakeCoursePage',
);
const trainingCompletionRoute = page(
  '/training/completion',
  withTexts(['training'], () => import('./modules/training/CompletionPage')),
  'CompletionPage',
);
const coursesRoute = page(
  '/training/courses',
  withTexts(['training'], () => import('./modules/training/CoursesPage')),
  'CoursesPage',
);
const curriculaRoute = page(
  '/training/curricula',
  withTexts(['training'], () => import('./modules/training/CurriculaPage')),
  'CurriculaPage',
);
const pledgesRoute = page(
  '/training/pledges',
  withTexts(['training'], () => import('./modules/training/PledgesPage')),
  'PledgesPage',
);
const selfChecksRoute = page(
  '/training/self-checks',
  withTexts(['training'], () => import('./modules/training/SelfChecksPage')),
  'SelfChecksPage',
);
const selfCheckRoute = page(
  '/training/self-checks/$id',
  withTexts(['training'], () => import('./modules/training/SelfChecksPage')),
  'SelfCheckPage',
);
const drillsRoute = page(
  '/drills',
  withTexts(['drills'], () => import('./modules/drills/DrillsPage')),
  'DrillsPage',
);
const drillNewRoute = page(
  '/drills/new',
  withTexts(['drills'], () => import('./modules/drills/DrillDesignerPage')),
  'DrillDesignerPage',
);
const drillRoute = page(
  '/drills/$id',
  withTexts(['drills'], () => import('./modules/drills/DrillPage')),
  'DrillPage',
);
const privacyRegisterRoute = page(
  '/privacy/register',
  withTexts(['privacy'], () => import('./modules/privacy/RegisterPage')),
  'RegisterPage',
);
const privacyActivityRoute = page(
  '/privacy/register/$id',
  withTexts(['privacy'], () => import('./modules/privacy/ActivityPage')),
  'ActivityPage',
);
const privacyRequestsRoute = page(
  '/privacy/requests',
  withTexts(['privacy'], () => import('./modules/privacy/RequestsPage')),
  'RequestsPage',
);
const privacyRequestRoute = page(
  '/privacy/requests/$id',
  withTexts(['privacy'], () => import('./modules/privacy/RequestPage')),
  'RequestPage',
);
const zonesRoute = page(
  '/zones',
  withTexts(['zones'], () => import('./modules/zones/ZonesPage')),
  'ZonesPage',
);
const zoneRoute = page(
  '/zones/$id',
  withTexts(['zones'], () => import('./modules/zones/ZonePage')),
  'ZonePage',
);
const bringInsRoute = page(
  '/bring-ins',
  withTexts(['zones'], () => import('./modules/zones/BringInsPage')),
  'BringInsPage',
);
const bringInNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/bring-ins/new',
  validateSearch: (s: Record<string, unknown>) => ({ zoneId: str(s.zoneId) }),
  component: lazyRouteComponent(
    withTexts(['zones'], () => import('./modules/zones/NewBringInPage')),
    'NewBringInPage',
  ),
});
const bringInRoute = page(
  '/bring-ins/$id',
  withTexts(['zones'], () => import('./modules/zones/BringInPage')),
  'BringInPage',
);
const systemsRoute = page(
  '/systems',
  withTexts(['systems'], () => import('./modules/systems/SystemsPage')),
  'SystemsPage',
);
const systemRoute = page(
  '/systems/$id',
  withTexts(['systems'], () => import('./modules/systems/SystemPage')),
  'SystemPage',
);
const coverageImportRoute = page(
  '/coverage/import',
  withTexts(['systems'], () => import('./modules/systems/CoverageImportPage')),
  'CoverageImportPage',
);
const serviceReviewsRoute = page(
  '/service-reviews',
  withTexts(['systems'], () => import('./modules/systems/ServiceReviewsPage')),
  'ServiceReviewsPage',
);
const serviceReviewNewRoute = page(
  '/service-reviews/new',
  withTexts(['systems'], () => import('./modules/systems/NewServiceReviewPage')),
  'NewServiceReviewPage',
);
const serviceReviewRoute = page(
  '/service-reviews/$id',
  withTexts(['systems'], () => import('./modules/systems/ServiceReviewPage')),
  'ServiceReviewPage',
);
const approvedServicesRoute = page(
  '/approved-services',
  withTexts(['systems'], () => import('./modules/systems/ApprovedServicesPage')),
  'ApprovedServicesPage',
);
const assessmentsRoute = page(
  '/assessments',
  withTexts(['systems'], () => import('./modules/systems/AssessmentsPage')),
  'AssessmentsPage',
);
const assessmentRoute = page(
  '/assessments/$id',
  withTexts(['systems'], () => import('./modules/systems/AssessmentPage')),
  'AssessmentPage',
);
const otAdvisoriesRoute = page(
  '/ot-advisories',
  withTexts(['systems'], () => import('./modules/systems/OtAdvisoryPage')),
  'OtAdvisoryPage',
);
const assessmentFindingRoute = page(
  '/assessment-findings/$id',
  withTexts(['systems'], () => import('./modules/systems/AssessmentFindingPage')),
  'AssessmentFindingPage',
);
const certificationsRoute = page(
  '/certifications',
  withTexts(['certifications'], () => import('./modules/certifications/CertificationsPage')),
  'CertificationsPage',
);
const certificationRoute = page(
  '/certifications/$id',
  withTexts(['certifications'], () => import('./modules/certifications/CertificationPage')),
  'CertificationPage',
);
const groupIncidentsRoute = page(
  '/group-incidents',
  withTexts(['group-incidents'], () => import('./modules/group-incidents/GroupIncidentsPage')),
  'GroupIncidentsPage',
);
const auditsRoute = page(
  '/audits',
  withTexts(['audits'], () => import('./modules/audits/AuditsPage')),
  'AuditsPage',
);
const internalAuditRoute = page(
  '/audits/$id',
  withTexts(['audits'], () => import('./modules/audits/AuditPage')),
  'AuditPage',
);
const findingBoardRoute = page(
  '/audit-findings',
  withTexts(['audits'], () => import('./modules/audits/BoardPage')),
  'BoardPage',
);
const findingRoute = page(
  '/audit-findings/$id',
  withTexts(['audits'], () => import('./modules/audits/FindingPage')),
  'FindingPage',
);
const auditorsRoute = page(
  '/auditors',
  withTexts(['audits'], () => import('./modules/audits/AuditorsPage')),
  'AuditorsPage',
);
const controlStatusRequestRoute = page(
  '/control-status/$id',
  withTexts(['soa'], () => import('./modules/soa/ControlStatusRequestPage')),
  'ControlStatusRequestPage',
);
const documentsRoute = page(
  '/documents',
  withTexts(['documents'], () => import('./modules/documents/DocumentsPage')),
  'DocumentsPage',
);
const documentRoute = page(
  '/documents/$id',
  withTexts(['documents'], () => import('./modules/documents/DocumentPage')),
  'DocumentPage',
);
const documentEditRoute = page(
  '/documents/$id/edit',
  withTexts(['documents'], () => import('./modules/documents/DocumentEditPage')),
  'DocumentEditPage',
);
const reviewsListRoute = page(
  '/management-reviews',
  withTexts(['management-review'], () => import('./modules/management-review/ReviewsPage')),
  'ReviewsPage',
);
const managementReviewRoute = page(
  '/management-reviews/$id',
  withTexts(['management-review'], () => import('./modules/management-review/ReviewPage')),
  'ReviewPage',
);
const dashboardRoute = page(
  '/dashboard',
  withTexts(['reports'], () => import('./modules/reports/DashboardPage')),
  'DashboardPage',
);
const reportsRoute = page(
  '/reports',
  withTexts(['reports'], () => import('./modules/reports/ReportsPage')),
  'ReportsPage',
);
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
  privacyPublicRequestRoute,
  appRoute.addChildren([
    homeRoute,
    orgRoute,
    companiesRoute,
    companyRoute,
    peopleRoute,
    accountsRoute,
    rolesRoute,
    auditRoute,
    settingsRoute,
    nextStepsRoute,
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
    campaignRoute,
    reviewRoute,
    improvementsRoute,
    portalRoute,
    portalAnswerRoute,
    portalImprovementsRoute,
    portalReportRoute,
    productsRoute,
    testPlansRoute,
    testPlanRoute,
    productRoute,
    componentsRoute,
    taraListRoute,
    taraRoute,
    taraMethodsRoute,
    takeOutsRoute,
    takeOutNewRoute,
    takeOutRoute,
    reviewsRoute,
    assetReviewRoute,
    reviewConfirmRoute,
    soaListRoute,
    plansRoute,
    planRoute,
    planTasksRoute,
    planProgressRoute,
    drillsRoute,
    drillNewRoute,
    drillRoute,
    privacyRegisterRoute,
    privacyActivityRoute,
    privacyRequestsRoute,
    privacyRequestRoute,
    zonesRoute,
    systemsRoute,
    systemRoute,
    coverageImportRoute,
    serviceReviewsRoute,
    serviceReviewNewRoute,
    serviceReviewRoute,
    approvedServicesRoute,
    assessmentsRoute,
    assessmentRoute,
    assessmentFindingRoute,
    otAdvisoriesRoute,
    zoneRoute,
    bringInsRoute,
    bringInNewRoute,
    bringInRoute,
    documentsRoute,
    documentRoute,
    documentEditRoute,
    reviewsListRoute,
    managementReviewRoute,
    soaRoute,
    controlStatusRoute,
    controlStatusRequestRoute,
    auditsRoute,
    internalAuditRoute,
    findingBoardRoute,
    findingRoute,
    auditorsRoute,
    dashboardRoute,
    reportsRoute,
    assetsRoute,
    assetSettingsRoute,
    assetRoute,
    trainingRoute,
    takeCourseRoute,
    trainingCompletionRoute,
    coursesRoute,
    curriculaRoute,
    pledgesRoute,
    selfChecksRoute,
    selfCheckRoute,
    certificationsRoute,
    certificationRoute,
    groupIncidentsRoute,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

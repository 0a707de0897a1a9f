import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from './base';

/** Product security pages for the public: published advisories and the vulnerability report form. */
const advisoriesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/advisories',
  component: lazyRouteComponent(() => import('../modules/psirt/AdvisoriesPage'), 'AdvisoriesPage'),
});
const advisoryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/advisories/$id',
  component: lazyRouteComponent(() => import('../modules/psirt/AdvisoryPage'), 'AdvisoryPage'),
});
const reportVulnerabilityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/security/report',
  component: lazyRouteComponent(() => import('../modules/psirt/ReportPage'), 'ReportPage'),
});
const reportTrackingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/security/reports/$token',
  component: lazyRouteComponent(() => import('../modules/psirt/TrackingPage'), 'TrackingPage'),
});

export const psirtPublicRoutes = [advisoriesRoute, reportTrackingRoute, advisoryRoute, reportVulnerabilityRoute] as const;

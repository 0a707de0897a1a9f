import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { page, rootRoute, withTexts } from './base';

const privacyPublicRequestRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/privacy/request',
  component: lazyRouteComponent(
    withTexts(['privacy', 'soa'], () => import('../modules/privacy/PublicRequestPage')),
    'PublicRequestPage',
  ),
});
const privacyRegisterRoute = page(
  '/privacy/register',
  withTexts(['privacy'], () => import('../modules/privacy/RegisterPage')),
  'RegisterPage',
);
const privacyActivityRoute = page(
  '/privacy/register/$id',
  withTexts(['privacy'], () => import('../modules/privacy/ActivityPage')),
  'ActivityPage',
);
const privacyRequestsRoute = page(
  '/privacy/requests',
  withTexts(['privacy'], () => import('../modules/privacy/RequestsPage')),
  'RequestsPage',
);
const privacyRequestRoute = page(
  '/privacy/requests/$id',
  withTexts(['privacy'], () => import('../modules/privacy/RequestPage')),
  'RequestPage',
);

export const privacyPublicRoutes = [privacyPublicRequestRoute] as const;
export const privacyRoutes = [privacyRegisterRoute, privacyActivityRoute, privacyRequestsRoute, privacyRequestRoute] as const;

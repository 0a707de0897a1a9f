import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, page, rootRoute, str, withTexts } from './base';

const activateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/activate',
  validateSearch: (s: Record<string, unknown>) => ({ token: str(s.token) }),
  component: lazyRouteComponent(() => import('../modules/accounts/ActivatePage'), 'ActivatePage'),
});
const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts',
  validateSearch: (s: Record<string, unknown>) => ({ tab: str(s.tab) }),
  component: lazyRouteComponent(
    withTexts(['accounts'], () => import('../modules/accounts/AccountsPage')),
    'AccountsPage',
  ),
});
const rolesRoute = page('/roles', () => import('../modules/accounts/RolesPage'), 'RolesPage');

export const accountsPublicRoutes = [activateRoute] as const;
export const accountsRoutes = [accountsRoute, rolesRoute] as const;

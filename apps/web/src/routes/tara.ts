import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, page, withTexts } from './base';

const taraListRoute = page(
  '/tara-analyses',
  withTexts(['tara'], () => import('../modules/tara/TaraListPage')),
  'TaraListPage',
);
const taraRoute = page(
  '/tara-analyses/$id',
  withTexts(['tara'], () => import('../modules/tara/WorkspacePage')),
  'WorkspacePage',
);
const taraMethodsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tara-methods',
  validateSearch: (s: Record<string, unknown>): { version?: number } =>
    Number.isInteger(Number(s.version)) && Number(s.version) > 0 ? { version: Number(s.version) } : {},
  component: lazyRouteComponent(
    withTexts(['tara'], () => import('../modules/tara/MethodsPage')),
    'MethodsPage',
  ),
});

export const taraRoutes = [taraListRoute, taraRoute, taraMethodsRoute] as const;

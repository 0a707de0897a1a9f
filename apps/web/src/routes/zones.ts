import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, page, str, withTexts } from './base';

const zonesRoute = page(
  '/zones',
  withTexts(['zones'], () => import('../modules/zones/ZonesPage')),
  'ZonesPage',
);
const zoneRoute = page(
  '/zones/$id',
  withTexts(['zones'], () => import('../modules/zones/ZonePage')),
  'ZonePage',
);
const bringInsRoute = page(
  '/bring-ins',
  withTexts(['zones'], () => import('../modules/zones/BringInsPage')),
  'BringInsPage',
);
const bringInNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/bring-ins/new',
  validateSearch: (s: Record<string, unknown>) => ({ zoneId: str(s.zoneId) }),
  component: lazyRouteComponent(
    withTexts(['zones'], () => import('../modules/zones/NewBringInPage')),
    'NewBringInPage',
  ),
});
const bringInRoute = page(
  '/bring-ins/$id',
  withTexts(['zones'], () => import('../modules/zones/BringInPage')),
  'BringInPage',
);

export const zonesRoutes = [zonesRoute, zoneRoute, bringInsRoute, bringInNewRoute, bringInRoute] as const;

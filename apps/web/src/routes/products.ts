import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, page, str, withTexts } from './base';

const productsRoute = page('/products', () => import('../modules/products/ProductsPage'), 'ProductsPage');
const productRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/products/$id',
  validateSearch: (s: Record<string, unknown>) => ({ release: str(s.release), tab: str(s.tab) }),
  component: lazyRouteComponent(
    withTexts(['product-testing'], () => import('../modules/products/ProductPage')),
    'ProductPage',
  ),
});
const componentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/components',
  validateSearch: (s: Record<string, unknown>) => ({ name: str(s.name), version: str(s.version) }),
  component: lazyRouteComponent(() => import('../modules/products/ComponentsPage'), 'ComponentsPage'),
});

export const productsRoutes = [productsRoute, productRoute, componentsRoute] as const;

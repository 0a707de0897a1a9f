import { page, withTexts } from './base';

const supplierAdvisoriesRoute = page(
  '/supplier-advisories',
  withTexts(['supplier-advisories'], () => import('../modules/supplier-advisories/SupplierAdvisoriesPage')),
  'SupplierAdvisoriesPage',
);
const supplierAdvisoryRoute = page(
  '/supplier-advisories/$id',
  withTexts(['supplier-advisories'], () => import('../modules/supplier-advisories/SupplierAdvisoryPage')),
  'SupplierAdvisoryPage',
);
const supplierMatchesRoute = page(
  '/supplier-advisory-matches',
  withTexts(['supplier-advisories'], () => import('../modules/supplier-advisories/SupplierMatchesPage')),
  'SupplierMatchesPage',
);

export const supplierAdvisoriesRoutes = [supplierAdvisoriesRoute, supplierAdvisoryRoute, supplierMatchesRoute] as const;

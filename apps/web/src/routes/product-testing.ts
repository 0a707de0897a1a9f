import { page, withTexts } from './base';

const testPlansRoute = page(
  '/test-plans',
  withTexts(['product-testing'], () => import('../modules/product-testing/TestPlansPage')),
  'TestPlansPage',
);
const testPlanRoute = page(
  '/test-plans/$id',
  withTexts(['product-testing'], () => import('../modules/product-testing/TestPlanPage')),
  'TestPlanPage',
);

export const productTestingRoutes = [testPlansRoute, testPlanRoute] as const;

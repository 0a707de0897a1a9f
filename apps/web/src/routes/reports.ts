import { page, withTexts } from './base';

const dashboardRoute = page(
  '/dashboard',
  withTexts(['reports'], () => import('../modules/reports/DashboardPage')),
  'DashboardPage',
);
const reportsRoute = page(
  '/reports',
  withTexts(['reports'], () => import('../modules/reports/ReportsPage')),
  'ReportsPage',
);

export const reportsRoutes = [dashboardRoute, reportsRoute] as const;

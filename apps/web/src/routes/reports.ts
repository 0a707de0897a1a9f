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
const templateEditRoute = page(
  '/reports/templates/$id',
  withTexts(['reports'], () => import('../modules/reports/TemplateEditPage')),
  'TemplateEditPage',
);

export const reportsRoutes = [dashboardRoute, reportsRoute, templateEditRoute] as const;

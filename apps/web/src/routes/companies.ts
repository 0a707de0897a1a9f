import { page, withTexts } from './base';

const companiesRoute = page(
  '/companies',
  withTexts(['companies'], () => import('../modules/companies/GroupOverviewPage')),
  'GroupOverviewPage',
);
const companyRoute = page(
  '/companies/$unitId',
  withTexts(['companies', 'assets'], () => import('../modules/companies/CompanyPage')),
  'CompanyPage',
);

export const companiesRoutes = [companiesRoute, companyRoute] as const;

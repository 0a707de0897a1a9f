import { page, withTexts } from './base';

const vulnerabilitiesRoute = page(
  '/vulnerabilities',
  withTexts(['lists'], () => import('../modules/vulnerabilities/VulnerabilitiesPage')),
  'VulnerabilitiesPage',
);
const vulnerabilityRoute = page(
  '/vulnerabilities/$id',
  withTexts(['vulnerabilities'], () => import('../modules/vulnerabilities/CasePage')),
  'CasePage',
);

export const vulnerabilitiesRoutes = [vulnerabilitiesRoute, vulnerabilityRoute] as const;

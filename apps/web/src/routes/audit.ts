import { page, withTexts } from './base';

const auditRoute = page(
  '/audit',
  withTexts(['audit', 'lists'], () => import('../modules/audit/AuditPage')),
  'AuditPage',
);

export const auditRoutes = [auditRoute] as const;

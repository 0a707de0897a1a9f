import { page, withTexts } from './base';

const auditRoute = page(
  '/audit',
  withTexts(['audit'], () => import('../modules/audit/AuditPage')),
  'AuditPage',
);

export const auditRoutes = [auditRoute] as const;

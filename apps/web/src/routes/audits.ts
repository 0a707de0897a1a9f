import { page, withTexts } from './base';

const auditsRoute = page(
  '/audits',
  withTexts(['audits'], () => import('../modules/audits/AuditsPage')),
  'AuditsPage',
);
const internalAuditRoute = page(
  '/audits/$id',
  withTexts(['audits'], () => import('../modules/audits/AuditPage')),
  'AuditPage',
);
const findingBoardRoute = page(
  '/audit-findings',
  withTexts(['audits'], () => import('../modules/audits/BoardPage')),
  'BoardPage',
);
const findingRoute = page(
  '/audit-findings/$id',
  withTexts(['audits'], () => import('../modules/audits/FindingPage')),
  'FindingPage',
);
const auditorsRoute = page(
  '/auditors',
  withTexts(['audits'], () => import('../modules/audits/AuditorsPage')),
  'AuditorsPage',
);

export const auditsRoutes = [auditsRoute, internalAuditRoute, findingBoardRoute, findingRoute, auditorsRoute] as const;

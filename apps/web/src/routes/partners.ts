import { page, withTexts } from './base';

const partnersRoute = page(
  '/partners',
  withTexts(['partners'], () => import('../modules/partners/PartnersPage')),
  'PartnersPage',
);
const partnerDashboardRoute = page(
  '/partners/dashboard',
  withTexts(['partners'], () => import('../modules/partners/DashboardPage')),
  'DashboardPage',
);
const partnerRoute = page(
  '/partners/$id',
  withTexts(['partners'], () => import('../modules/partners/PartnerPage')),
  'PartnerPage',
);
const campaignsRoute = page(
  '/partner-campaigns',
  withTexts(['partners'], () => import('../modules/partners/CampaignsPage')),
  'CampaignsPage',
);
const campaignRoute = page(
  '/partner-campaigns/$id',
  withTexts(['partners'], () => import('../modules/partners/CampaignPage')),
  'CampaignPage',
);
const reviewRoute = page(
  '/partner-assessments/$id',
  withTexts(['partners'], () => import('../modules/partners/ReviewPage')),
  'ReviewPage',
);
const IR = withTexts(['partners'], () => import('../modules/partners/ImprovementsPage'));
const improvementsRoute = page('/improvement-requests', IR, 'ImprovementsPage');
const portalRoute = page(
  '/portal',
  withTexts(['partners'], () => import('../modules/partners/PortalPage')),
  'PortalPage',
);
const portalAnswerRoute = page(
  '/portal/assessments/$id',
  withTexts(['partners'], () => import('../modules/partners/AnswerPage')),
  'AnswerPage',
);
const portalImprovementsRoute = page('/portal/improvements', IR, 'ImprovementsPage');
const portalReportRoute = page(
  '/portal/report',
  withTexts(['partners'], () => import('../modules/partners/PortalReportPage')),
  'PortalReportPage',
);

export const partnersRoutes = [
  partnersRoute,
  partnerDashboardRoute,
  partnerRoute,
  campaignsRoute,
  campaignRoute,
  reviewRoute,
  improvementsRoute,
  portalRoute,
  portalAnswerRoute,
  portalImprovementsRoute,
  portalReportRoute,
] as const;

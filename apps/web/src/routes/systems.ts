import { page, withTexts } from './base';

const systemsRoute = page(
  '/systems',
  withTexts(['systems'], () => import('../modules/systems/SystemsPage')),
  'SystemsPage',
);
const systemRoute = page(
  '/systems/$id',
  withTexts(['systems'], () => import('../modules/systems/SystemPage')),
  'SystemPage',
);
const coverageImportRoute = page(
  '/coverage/import',
  withTexts(['systems'], () => import('../modules/systems/CoverageImportPage')),
  'CoverageImportPage',
);
const serviceReviewsRoute = page(
  '/service-reviews',
  withTexts(['systems'], () => import('../modules/systems/ServiceReviewsPage')),
  'ServiceReviewsPage',
);
const serviceReviewNewRoute = page(
  '/service-reviews/new',
  withTexts(['systems'], () => import('../modules/systems/NewServiceReviewPage')),
  'NewServiceReviewPage',
);
const serviceReviewRoute = page(
  '/service-reviews/$id',
  withTexts(['systems'], () => import('../modules/systems/ServiceReviewPage')),
  'ServiceReviewPage',
);
const approvedServicesRoute = page(
  '/approved-services',
  withTexts(['systems'], () => import('../modules/systems/ApprovedServicesPage')),
  'ApprovedServicesPage',
);
const assessmentsRoute = page(
  '/assessments',
  withTexts(['systems'], () => import('../modules/systems/AssessmentsPage')),
  'AssessmentsPage',
);
const assessmentRoute = page(
  '/assessments/$id',
  withTexts(['systems'], () => import('../modules/systems/AssessmentPage')),
  'AssessmentPage',
);
const otAdvisoriesRoute = page(
  '/ot-advisories',
  withTexts(['systems'], () => import('../modules/systems/OtAdvisoryPage')),
  'OtAdvisoryPage',
);
const assessmentFindingRoute = page(
  '/assessment-findings/$id',
  withTexts(['systems'], () => import('../modules/systems/AssessmentFindingPage')),
  'AssessmentFindingPage',
);

export const systemsRoutes = [
  systemsRoute,
  systemRoute,
  coverageImportRoute,
  serviceReviewsRoute,
  serviceReviewNewRoute,
  serviceReviewRoute,
  approvedServicesRoute,
  assessmentsRoute,
  assessmentRoute,
  assessmentFindingRoute,
  otAdvisoriesRoute,
] as const;

import { page, withTexts } from './base';

const iec62443ListRoute = page(
  '/iec62443',
  withTexts(['iec62443'], () => import('../modules/iec62443/AssessmentsPage')),
  'AssessmentsPage',
);
const iec62443Route = page(
  '/iec62443/$id',
  withTexts(['iec62443'], () => import('../modules/iec62443/AssessmentPage')),
  'AssessmentPage',
);

export const iec62443Routes = [iec62443ListRoute, iec62443Route] as const;

import { page, withTexts } from './base';

const reviewsListRoute = page(
  '/management-reviews',
  withTexts(['management-review'], () => import('../modules/management-review/ReviewsPage')),
  'ReviewsPage',
);
const managementReviewRoute = page(
  '/management-reviews/$id',
  withTexts(['management-review'], () => import('../modules/management-review/ReviewPage')),
  'ReviewPage',
);

export const managementReviewRoutes = [reviewsListRoute, managementReviewRoute] as const;

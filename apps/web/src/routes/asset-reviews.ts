import { page, withTexts } from './base';

const reviewsRoute = page(
  '/asset-reviews',
  withTexts(['asset-reviews'], () => import('../modules/asset-reviews/ReviewsPage')),
  'ReviewsPage',
);
const assetReviewRoute = page(
  '/asset-reviews/$id',
  withTexts(['asset-reviews'], () => import('../modules/asset-reviews/ReviewPage')),
  'ReviewPage',
);
const reviewConfirmRoute = page(
  '/asset-reviews/$id/units/$unitId',
  withTexts(['asset-reviews'], () => import('../modules/asset-reviews/ConfirmPage')),
  'ConfirmPage',
);

export const assetReviewsRoutes = [reviewsRoute, assetReviewRoute, reviewConfirmRoute] as const;

import { page, withTexts } from './base';

const homeRoute = page(
  '/',
  withTexts(['reports'], () => import('../modules/home/HomePage')),
  'HomePage',
);

export const homeRoutes = [homeRoute] as const;

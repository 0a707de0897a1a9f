import { page, withTexts } from './base';

const takeOutsRoute = page(
  '/take-outs',
  withTexts(['take-outs'], () => import('../modules/take-outs/TakeOutsPage')),
  'TakeOutsPage',
);
const takeOutNewRoute = page(
  '/take-outs/new',
  withTexts(['take-outs'], () => import('../modules/take-outs/NewTakeOutPage')),
  'NewTakeOutPage',
);
const takeOutRoute = page(
  '/take-outs/$id',
  withTexts(['take-outs'], () => import('../modules/take-outs/TakeOutPage')),
  'TakeOutPage',
);

export const takeOutsRoutes = [takeOutsRoute, takeOutNewRoute, takeOutRoute] as const;

import { page, withTexts } from './base';

const drillsRoute = page(
  '/drills',
  withTexts(['drills'], () => import('../modules/drills/DrillsPage')),
  'DrillsPage',
);
const drillNewRoute = page(
  '/drills/new',
  withTexts(['drills'], () => import('../modules/drills/DrillDesignerPage')),
  'DrillDesignerPage',
);
const drillRoute = page(
  '/drills/$id',
  withTexts(['drills'], () => import('../modules/drills/DrillPage')),
  'DrillPage',
);

export const drillsRoutes = [drillsRoute, drillNewRoute, drillRoute] as const;

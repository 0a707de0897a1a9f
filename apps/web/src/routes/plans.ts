import { page, withTexts } from './base';

const plansRoute = page(
  '/plans',
  withTexts(['plans'], () => import('../modules/plans/PlansPage')),
  'PlansPage',
);
const planRoute = page(
  '/plans/$id',
  withTexts(['plans'], () => import('../modules/plans/PlanPage')),
  'PlanPage',
);
const planTasksRoute = page(
  '/plan-tasks',
  withTexts(['plans'], () => import('../modules/plans/PlanTasksPage')),
  'PlanTasksPage',
);
const planProgressRoute = page(
  '/plan-progress',
  withTexts(['plans'], () => import('../modules/plans/PlanProgressPage')),
  'PlanProgressPage',
);

export const plansRoutes = [plansRoute, planRoute, planTasksRoute, planProgressRoute] as const;

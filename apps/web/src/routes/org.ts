import { page, withTexts } from './base';

const orgRoute = page('/org', () => import('../modules/org/OrgPage'), 'OrgPage');
const peopleRoute = page(
  '/people',
  withTexts(['lists'], () => import('../modules/org/PeoplePage')),
  'PeoplePage',
);

export const orgRoutes = [orgRoute, peopleRoute] as const;

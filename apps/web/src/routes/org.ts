import { page } from './base';

const orgRoute = page('/org', () => import('../modules/org/OrgPage'), 'OrgPage');
const peopleRoute = page('/people', () => import('../modules/org/PeoplePage'), 'PeoplePage');

export const orgRoutes = [orgRoute, peopleRoute] as const;

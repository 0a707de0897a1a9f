import { page, withTexts } from './base';

const groupIncidentsRoute = page(
  '/group-incidents',
  withTexts(['group-incidents'], () => import('../modules/group-incidents/GroupIncidentsPage')),
  'GroupIncidentsPage',
);

export const groupIncidentsRoutes = [groupIncidentsRoute] as const;

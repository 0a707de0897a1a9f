import { page } from './base';

const notificationsRoute = page(
  '/notifications',
  () => import('../modules/notifications/NotificationsPage'),
  'NotificationsPage',
);

export const notificationsRoutes = [notificationsRoute] as const;

import { IdParams, Notification, NotificationListQuery, NotificationPage, ReadAllResult } from '@mamori/contracts';
import type { Module } from '../http/module';
import { listNotifications, markAllRead, markRead } from './service';

/** One's own in-app notifications: any signed-in user, only their own (another's answers 404). */
export const notificationsModule: Module = () =>
  async function notificationRoutes(app) {
    const tags = ['notifications'];
    const signedIn = { access: { auth: 'signed-in' as const } };
    app.get(
      '/notifications',
      {
        config: signedIn,
        schema: {
          tags,
          summary: 'My notifications, newest first, with the number unread',
          querystring: NotificationListQuery,
          response: { 200: NotificationPage },
        },
      },
      (req) => listNotifications(req.ctx, req.query),
    );
    app.post(
      '/notifications/read-all',
      { config: signedIn, schema: { tags, summary: 'Mark all my notifications read', response: { 200: ReadAllResult } } },
      (req) => markAllRead(req.ctx),
    );
    app.post(
      '/notifications/:id/read',
      {
        config: signedIn,
        schema: { tags, summary: 'Mark one of my notifications read', params: IdParams, response: { 200: Notification } },
      },
      (req) => markRead(req.ctx, req.params.id),
    );
  };

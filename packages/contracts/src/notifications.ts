import { z } from 'zod';
import { ListQuery, page } from './common';

/**
 * In-app notifications. A notification stores no text: it stores the i18n keys of its title and body and
 * the values to fill in, so each reader sees it in their own language. Each kind lists the parameters its
 * texts use; the web catalogue test checks that ja and en use exactly these.
 */
export const NOTIFICATION_PARAMS = {
  'incident.reported': ['number', 'type', 'unit'],
  'incident.near-miss-reported': ['number', 'type', 'unit'],
  'incident.deadline-reminder': ['number', 'rule', 'dueAt'],
  'incident.deadline-overdue': ['number', 'rule', 'dueAt'],
  'incident.member-added': ['number', 'by'],
  'partner-assessment.submitted': ['partner', 'score'],
  'improvement-request.answered': ['partner', 'requirement'],
  'improvement-request.returned': ['requirement'],
  'improvement-request.overdue': ['count'],
  'vulnerability.reported': ['number', 'title', 'product'],
  'vulnerability.cra-reminder': ['number', 'stage', 'product', 'dueAt'],
  'vulnerability.cra-overdue': ['number', 'stage', 'product', 'dueAt'],
  'account-request.pending': ['person', 'email'],
  'take-out.to-approve': ['requester', 'asset', 'count'],
  'take-out.approved': ['asset', 'count'],
  'take-out.rejected': ['asset', 'count', 'by'],
  'take-out.overdue': ['asset', 'count', 'periodTo'],
  'take-out.overdue-escalated': ['requester', 'asset', 'count', 'periodTo'],
  'asset-review.reminder': ['title', 'unit', 'dueOn'],
  'asset-review.overdue': ['title', 'unit', 'dueOn'],
  'control-status.reminder': ['title', 'dueDate', 'unit'],
  'document.review-due': ['title', 'dueOn'],
  'certification.audit-due': ['certificate', 'company', 'kind', 'date'],
  'certification.expiry-due': ['certificate', 'company', 'validTo'],
  'incident.shared-with-holding': ['number', 'company', 'severity', 'summary'],
  'training.due-soon': ['course', 'dueOn'],
  'training.overdue': ['course', 'dueOn'],
  'training.overdue-escalated': ['count', 'person', 'course', 'dueOn'],
  'pledge.to-sign': ['title', 'version'],
  'plan-task.due-soon': ['activity', 'unit', 'dueOn', 'count'],
  'plan-task.overdue-escalated': ['activity', 'unit', 'dueOn', 'count'],
} as const satisfies Record<string, readonly string[]>;

export type NotificationKind = keyof typeof NOTIFICATION_PARAMS;
export const NOTIFICATION_KINDS = Object.keys(NOTIFICATION_PARAMS) as NotificationKind[];

/** The i18n keys of a kind's texts in the web catalogue (`notifications.messages.incident_reported.title`). */
export const notificationKeys = (kind: NotificationKind) => {
  const base = `notifications.messages.${kind.replace(/[.-]/g, '_')}`;
  return { titleKey: `${base}.title`, bodyKey: `${base}.body` };
};

/**
 * A value filled into a text: plain, a name in both languages (the reader's is shown), or a moment
 * (shown in the reader's language and time zone).
 */
export const NotificationParam = z.union([
  z.string(),
  z.number(),
  z.object({ ja: z.string(), en: z.string() }),
  z.object({ at: z.iso.datetime() }),
]);
export type NotificationParam = z.infer<typeof NotificationParam>;

/** The parameters a kind needs, each required: `notify` refuses at compile time a text with a hole. */
export type NotificationParamsOf<K extends NotificationKind> = Record<(typeof NOTIFICATION_PARAMS)[K][number], NotificationParam>;

export const Notification = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS as [NotificationKind, ...NotificationKind[]]),
  titleKey: z.string(),
  bodyKey: z.string(),
  params: z.record(z.string(), NotificationParam),
  /** a path inside the web app, e.g. /incidents/<id> */
  link: z.string(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = ListQuery.pick({ limit: true, cursor: true })
  .extend({ unread: z.enum(['true', 'false']).optional() })
  .strict();

/** The unread count is counted up to here: the bell shows "99+" long before, and counting stays cheap. */
export const UNREAD_COUNT_CAP = 1000;

/** A page of one's own notifications, newest first, with the number still unread (at most UNREAD_COUNT_CAP). */
export const NotificationPage = page(Notification).extend({ unread: z.number().int().max(UNREAD_COUNT_CAP) });
export type NotificationPage = z.infer<typeof NotificationPage>;

export const ReadAllResult = z.object({ marked: z.number().int() });

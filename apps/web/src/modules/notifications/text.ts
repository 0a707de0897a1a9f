import type { NotificationParam } from '@mamori/contracts';
import type { TFunction } from 'i18next';
import { useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { useMarkRead, type Notification } from './api';

/** A value of a notification in the reader's language: the name in that language, a moment in local time. */
export function paramText(value: NotificationParam, lang: string): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('at' in value) return formatDateTime(value.at, lang);
  return lang === 'ja' ? value.ja || value.en : value.en || value.ja;
}

/** The title and body of a notification, rendered from its i18n keys and values in the reader's language. */
export function notificationText(t: TFunction, lang: string, n: Pick<Notification, 'titleKey' | 'bodyKey' | 'params'>) {
  const values = Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, paramText(v, lang)]));
  return { title: t(n.titleKey, values), body: t(n.bodyKey, values) };
}

export function useNotificationText() {
  const { t, i18n } = useTranslation();
  return (n: Notification) => notificationText(t, i18n.language, n);
}

/** Opening a notification marks it read (without waiting) and goes to the page it is about. */
export function useOpenNotification() {
  const router = useRouter();
  const markRead = useMarkRead();
  return (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    router.history.push(n.link);
  };
}

import { ActionIcon, Button } from '@mantine/core';
import { useIsFetching } from '@tanstack/react-query';
import { useRouterState } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { BellIcon } from '../modules/notifications/BellIcon';

// The header's dropdowns (Mantine Menu, Popover, floating-ui: ~40 KB gzip in a dozen requests) are neither needed
// for the first paint nor for the page's content: they are fetched once the page has its data (no route loading, no
// query fetching for a moment), or at once when the reader points at or focuses a stand-in. Until then a button of
// the same size and text stands in their place, so nothing moves when the real one arrives (no layout shift).
const UserMenu = lazy(() => import('./UserMenu').then((m) => ({ default: m.UserMenu })));
const Bell = lazy(() => import('../modules/notifications/NotificationBell').then((m) => ({ default: m.NotificationBell })));

let wanted = false;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
function wantMenus() {
  if (wanted) return;
  wanted = true;
  for (const listener of listeners) listener();
}

/** Whether the menus may load: true for good once the page has settled or the reader reached for a menu. */
function useMenusWanted(): boolean {
  const isWanted = useSyncExternalStore(subscribe, () => wanted);
  const routing = useRouterState({ select: (s) => s.status !== 'idle' || s.isLoading });
  const fetching = useIsFetching() > 0;
  useEffect(() => {
    if (isWanted || routing || fetching) return;
    const timer = setTimeout(wantMenus, 200);
    return () => clearTimeout(timer);
  }, [isWanted, routing, fetching]);
  useEffect(() => {
    // At the latest after a few seconds, whatever a slow page is still doing (the bell shows the unread count).
    const timer = setTimeout(wantMenus, 4000);
    return () => clearTimeout(timer);
  }, []);
  return isWanted;
}

const intent = { onPointerEnter: wantMenus, onFocus: wantMenus, onTouchStart: wantMenus };

export function HeaderUserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const standIn = (
    <Button variant="subtle" title={t('shell.userMenu')} {...intent}>
      {me.user.name}
    </Button>
  );
  if (!useMenusWanted()) return standIn;
  return (
    <Suspense fallback={standIn}>
      <UserMenu me={me} />
    </Suspense>
  );
}

export function HeaderBell({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const standIn = (
    <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('notifications.bell', { count: 0 })} {...intent}>
      <BellIcon />
    </ActionIcon>
  );
  if (!useMenusWanted()) return standIn;
  return (
    <Suspense fallback={standIn}>
      <Bell enabled={enabled} />
    </Suspense>
  );
}

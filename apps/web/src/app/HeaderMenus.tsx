import { ActionIcon, Button } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { BellIcon } from '../modules/notifications/BellIcon';

// The header's dropdowns (Mantine Menu, Popover, floating-ui: ~30 KB gzip) are not needed for the first paint:
// they load in their own chunks right after it. Until then a button of the same size and text stands in its place,
// so nothing moves when the real one arrives (no layout shift).
const UserMenu = lazy(() => import('./UserMenu').then((m) => ({ default: m.UserMenu })));
const Bell = lazy(() => import('../modules/notifications/NotificationBell').then((m) => ({ default: m.NotificationBell })));

export function HeaderUserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <Button variant="subtle" title={t('shell.userMenu')}>
          {me.user.name}
        </Button>
      }
    >
      <UserMenu me={me} />
    </Suspense>
  );
}

export function HeaderBell({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('notifications.bell', { count: 0 })}>
          <BellIcon />
        </ActionIcon>
      }
    >
      <Bell enabled={enabled} />
    </Suspense>
  );
}

import { ActionIcon, Button, Group, Indicator, Menu, Text } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { useBell, useMarkAllRead } from './api';
import { BellIcon } from './BellIcon';
import { useNotificationText, useOpenNotification } from './text';

/** The header bell: the unread count, and a dropdown of the latest notifications. */
export function NotificationBell({ enabled }: { enabled: boolean }) {
  const { t, i18n } = useTranslation();
  const router = useRouter();
  const bell = useBell(enabled);
  const markAll = useMarkAllRead();
  const text = useNotificationText();
  const open = useOpenNotification();
  const unread = bell.data?.unread ?? 0;
  const items = bell.data?.items ?? [];
  return (
    // The indicator wraps the whole menu, so the menu's aria-expanded lands on the button, not on a div.
    <Indicator label={unread > 99 ? '99+' : unread} size={16} offset={6} disabled={!unread} data-testid="notification-count">
      <Menu position="bottom-end" width={360} withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={t('notifications.bell', { count: unread })}
            data-testid="notification-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown data-testid="notification-menu">
          <Group justify="space-between" px="xs" py={4}>
            <Text fw={600} size="sm">
              {t('notifications.title')}
            </Text>
            {unread > 0 && (
              <Button variant="subtle" size="compact-xs" loading={markAll.isPending} onClick={() => markAll.mutate()}>
                {t('notifications.markAllRead')}
              </Button>
            )}
          </Group>
          <Menu.Divider />
          {bell.isSuccess && items.length === 0 && (
            <Text size="sm" c="dimmed" px="xs" py="sm">
              {t('notifications.empty')}
            </Text>
          )}
          {items.map((n) => {
            const { title, body } = text(n);
            return (
              <Menu.Item key={n.id} onClick={() => open(n)} data-testid="notification-item" data-unread={!n.readAt}>
                <Text size="sm" fw={n.readAt ? 400 : 700} lineClamp={1}>
                  {title}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {body}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(n.createdAt, i18n.language)}
                </Text>
              </Menu.Item>
            );
          })}
          <Menu.Divider />
          <Menu.Item onClick={() => router.history.push('/notifications')} data-testid="notification-see-all">
            {t('notifications.seeAll')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Indicator>
  );
}

import { UNREAD_COUNT_CAP } from '@mamori/contracts';
import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useBell, useMarkAllRead, useNotificationList } from './api';
import { useNotificationText, useOpenNotification } from './text';

/** All of one's notifications, newest first; opening one marks it read and goes to what it is about. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const [show, setShow] = useState<'all' | 'unread'>('all');
  const list = useNotificationList(show === 'unread');
  const unread = useBell(true).data?.unread ?? 0;
  const markAll = useMarkAllRead();
  const text = useNotificationText();
  const open = useOpenNotification();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('notifications.title')}</Title>
        <Group>
          <SegmentedControl
            value={show}
            onChange={(v) => setShow(v === 'unread' ? 'unread' : 'all')}
            data={[
              { value: 'all', label: t('notifications.all') },
              {
                value: 'unread',
                label: t('notifications.unreadCount', { count: unread >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP}+` : unread }),
              },
            ]}
            data-testid="notification-filter"
          />
          <Button
            variant="default"
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
            data-testid="notification-read-all"
          >
            {t('notifications.markAllRead')}
          </Button>
        </Group>
      </Group>
      <ProblemAlert error={list.error ?? markAll.error} />
      {list.items.map((n) => {
        const { title, body } = text(n);
        return (
          <UnstyledButton key={n.id} onClick={() => open(n)} data-testid="notification-row" data-unread={!n.readAt}>
            <Paper withBorder p="sm" bg={n.readAt ? undefined : 'var(--mantine-color-blue-light)'}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2}>
                  <Text fw={n.readAt ? 500 : 700}>{title}</Text>
                  <Text size="sm">{body}</Text>
                </Stack>
                <Stack gap={4} align="flex-end">
                  {!n.readAt && <Badge size="sm">{t('notifications.new')}</Badge>}
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(n.createdAt, i18n.language)}
                  </Text>
                </Stack>
              </Group>
            </Paper>
          </UnstyledButton>
        );
      })}
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('notifications.empty')}</Text>}
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Stack>
  );
}

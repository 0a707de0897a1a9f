import { Button, Menu, NavLink, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { useSignOut } from '../modules/auth/api';

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" data-testid="user-menu" title={t('shell.userMenu')}>
          {me.user.name}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.email}</Menu.Label>
        <Menu.Item onClick={() => void navigate({ to: '/account', search: { mfa: undefined } })} data-testid="menu-my-account">
          {t('nav.myAccount')}
        </Menu.Item>
        <Menu.Item
          color="red"
          data-testid="sign-out"
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => void navigate({ to: '/sign-in', search: { redirect: undefined } }) })
          }
        >
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The user menu's entries as navbar links, for phone width where the header has no room for the menu. */
export function UserLinks({ me, onNavigate }: { me: Me; onNavigate: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Stack gap={0} data-testid="user-links">
      <Text size="xs" c="dimmed" px="sm" pt="xs" truncate>
        {me.user.name} · {me.user.email}
      </Text>
      <NavLink
        label={t('nav.myAccount')}
        onClick={() => {
          onNavigate();
          void navigate({ to: '/account', search: { mfa: undefined } });
        }}
      />
      <NavLink
        label={t('shell.signOut')}
        c="red.9"
        data-testid="sign-out-link"
        onClick={() =>
          signOut.mutate(undefined, { onSettled: () => void navigate({ to: '/sign-in', search: { redirect: undefined } }) })
        }
      />
    </Stack>
  );
}

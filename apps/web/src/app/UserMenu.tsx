import { Button, Menu } from '@mantine/core';
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

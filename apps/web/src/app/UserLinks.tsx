import { NavLink, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { useSignOut } from '../modules/auth/api';

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

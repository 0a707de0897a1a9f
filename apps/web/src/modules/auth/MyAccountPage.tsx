import { Alert, Stack, Title } from '@mantine/core';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MfaSection } from './MfaSection';
import { PasskeysSection } from './PasskeysSection';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { TokensSection } from './TokensSection';
import { useMe } from './api';

export function MyAccountPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { mfa } = useSearch({ from: '/app/account' });
  if (!me) return null;
  return (
    <Stack maw={760}>
      <Title order={2}>{t('myAccount.title')}</Title>
      {me.mfaEnrollmentRequired && (
        <Alert color="orange" data-testid="mfa-required-alert">
          {t('myAccount.mfaRequired')}
        </Alert>
      )}
      {!me.mfaEnrollmentRequired && mfa === '1' && !me.user.mfaEnabled && (
        <Alert color="orange">{t('myAccount.mfaRequired')}</Alert>
      )}
      <MfaSection me={me} />
      <PasskeysSection />
      {!me.mfaEnrollmentRequired && (
        <>
          <ProfileSection me={me} />
          <PasswordSection />
          <TokensSection />
        </>
      )}
    </Stack>
  );
}

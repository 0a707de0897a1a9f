import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PublicLayout } from '../../app/PublicLayout';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { useActivate } from './api';

/** Public page opened from the activation link of an approved account: sets its first password. */
export function ActivatePage() {
  const { t } = useTranslation();
  const { token } = useSearch({ from: '/activate' });
  const activate = useActivate();
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: { confirm: (v, values) => (v === values.password ? null : t('myAccount.passwordMismatch')) },
  });
  const submit = form.onSubmit(({ password }) =>
    activate.mutate({ token: token ?? '', password }, { onError: (e) => applyProblem(form, e) }),
  );
  return (
    <PublicLayout title={t('activate.title')}>
      {!token ? (
        <Alert color="red">{t('activate.noToken')}</Alert>
      ) : activate.isSuccess ? (
        <Stack data-testid="activate-done">
          <Alert color="green">{t('activate.done')}</Alert>
          <Anchor component={Link} to="/sign-in">
            {t('signIn.title')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} data-testid="activate-form">
          <Stack>
            <Text size="sm">{t('activate.intro')}</Text>
            <PasswordInput
              label={t('myAccount.newPassword')}
              required
              autoComplete="new-password"
              data-testid="activate-password"
              {...form.getInputProps('password')}
            />
            <PasswordInput
              label={t('myAccount.confirmPassword')}
              required
              autoComplete="new-password"
              data-testid="activate-confirm"
              {...form.getInputProps('confirm')}
            />
            <ProblemAlert error={activate.error} />
            <Button type="submit" loading={activate.isPending} data-testid="activate-submit">
              {t('activate.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </PublicLayout>
  );
}

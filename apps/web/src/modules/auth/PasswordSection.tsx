import { Button, Group, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { useChangePassword } from './api';

export function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: { confirm: (v, values) => (v === values.newPassword ? null : t('myAccount.passwordMismatch')) },
  });
  const submit = form.onSubmit(({ currentPassword, newPassword }) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess(t('myAccount.passwordChanged'));
        },
        onError: (e) => applyProblem(form, e),
      },
    ),
  );
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('myAccount.password')}
      </Title>
      <form onSubmit={submit} data-testid="password-form">
        <Stack>
          <PasswordInput
            label={t('myAccount.currentPassword')}
            required
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('myAccount.newPassword')}
            required
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label={t('myAccount.confirmPassword')}
            required
            autoComplete="new-password"
            {...form.getInputProps('confirm')}
          />
          <ProblemAlert error={change.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending} data-testid="password-submit">
              {t('myAccount.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

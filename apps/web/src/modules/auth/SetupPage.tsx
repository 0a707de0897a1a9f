import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { FullPageLoader } from '../../app/AppLayout';
import { PublicLayout } from '../../app/PublicLayout';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { Redirect } from '../../components/Redirect';
import { useSetup, useSetupStatus } from './api';

/** One-time page creating the first administrator while the database has no user. */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = useSetupStatus();
  const setup = useSetup();
  const form = useForm({ initialValues: { name: '', email: '', password: '' } });

  if (status.isPending) return <FullPageLoader />;
  if (status.data && !status.data.needed && !setup.isSuccess) return <Redirect to="/sign-in" />;

  const submit = form.onSubmit((values) =>
    setup.mutate(values, {
      onSuccess: () => {
        notifySuccess(t('setup.done'));
        void navigate({ to: '/getting-started' }); // what the new installation still needs (issue #18)
      },
      onError: (e) => applyProblem(form, e),
    }),
  );

  return (
    <PublicLayout title={t('setup.title')}>
      <form onSubmit={submit} data-testid="setup-form">
        <Stack>
          <Text size="sm">{t('setup.intro')}</Text>
          <TextInput
            label={t('fields.name')}
            required
            autoComplete="name"
            data-testid="setup-name"
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            required
            autoComplete="username"
            data-testid="setup-email"
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('fields.password')}
            required
            autoComplete="new-password"
            description={t('setup.passwordHelp')}
            data-testid="setup-password"
            {...form.getInputProps('password')}
          />
          <ProblemAlert error={setup.error} />
          <Button type="submit" loading={setup.isPending} data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}

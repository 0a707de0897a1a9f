import { Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Language, Me } from '../../api/types';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { LANGUAGES } from '../../i18n';
import { useUpdateMe } from './api';

export function ProfileSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const update = useUpdateMe();
  const form = useForm({ initialValues: { name: me.user.name, language: me.user.language ?? '' } });
  const submit = form.onSubmit((v) =>
    update.mutate(
      { name: v.name, language: v.language === '' ? null : (v.language as Language) },
      { onSuccess: () => notifySuccess(t('common.saved')), onError: (e) => applyProblem(form, e) },
    ),
  );
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('myAccount.profile')}
      </Title>
      <form onSubmit={submit} data-testid="profile-form">
        <Stack>
          <TextInput label={t('fields.email')} value={me.user.email} readOnly />
          <TextInput label={t('fields.name')} required data-testid="profile-name" {...form.getInputProps('name')} />
          <Select
            label={t('language.label')}
            data={[
              { value: '', label: t('language.browser') },
              ...LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) })),
            ]}
            allowDeselect={false}
            data-testid="profile-language"
            {...form.getInputProps('language')}
          />
          <ProblemAlert error={update.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} data-testid="profile-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

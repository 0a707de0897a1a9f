import { Button, Group, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { PersonSelect } from '../org/PersonSelect';
import { useCreateAccountRequest } from './api';

export function RequestAccountForm() {
  const { t } = useTranslation();
  const create = useCreateAccountRequest();
  const form = useForm({ initialValues: { personId: null as string | null, email: '', reason: '' } });
  const submit = form.onSubmit(({ personId, email, reason }) =>
    create.mutate(
      { personId: personId ?? '', email, reason },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess(t('requests.created'));
        },
        onError: (e) => applyProblem(form, e),
      },
    ),
  );
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('requests.newTitle')}
      </Title>
      <form onSubmit={submit} data-testid="request-form">
        <Stack>
          <Group grow align="flex-start">
            <PersonSelect
              label={t('requests.person')}
              required
              value={form.values.personId}
              onChange={(id, person) => {
                form.setFieldValue('personId', id);
                if (person?.email && !form.values.email) form.setFieldValue('email', person.email);
              }}
              error={form.errors.personId}
              testId="request-person"
            />
            <TextInput
              label={t('fields.email')}
              type="email"
              required
              data-testid="request-email"
              {...form.getInputProps('email')}
            />
          </Group>
          <Textarea
            label={t('requests.reason')}
            required
            autosize
            data-testid="request-reason"
            {...form.getInputProps('reason')}
          />
          <ProblemAlert error={create.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} data-testid="request-submit">
              {t('requests.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

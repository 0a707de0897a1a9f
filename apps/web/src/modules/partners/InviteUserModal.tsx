import { Button, Code, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { post, usePartnerMutation } from './api';

interface Values {
  email: string;
  name: string;
  language: 'ja' | 'en';
}

/** Invites a partner user to the portal; shows the activation link (also mailed). */
export function InviteUserModal({ partnerId, onClose }: { partnerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<Values>({ initialValues: { email: '', name: '', language: 'ja' } });
  const invite = usePartnerMutation((v: Values) =>
    post<{ userId: string; activationUrl: string }>(`/partners/${partnerId}/users`, v),
  );
  return (
    <Modal opened onClose={onClose} title={t('partners.invite.title')}>
      {invite.data ? (
        <Stack>
          <Text size="sm">{t('partners.invite.done')}</Text>
          <Code block data-testid="invite-link">
            {invite.data.activationUrl}
          </Code>
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((v) => invite.mutate(v, { onError: (e) => applyProblem(form, e) }))}>
          <Stack>
            <TextInput label={t('fields.email')} required {...form.getInputProps('email')} />
            <TextInput label={t('partners.fields.contactName')} required {...form.getInputProps('name')} />
            <Select
              label={t('partners.invite.language')}
              data={['ja', 'en'].map((l) => ({ value: l, label: t(`language.${l}`) }))}
              {...form.getInputProps('language')}
            />
            <ProblemAlert error={invite.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={invite.isPending}>
                {t('partners.invite.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { PRIVACY_REQUEST_TYPES } from '@mamori/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DateTimeField } from '../../components/dates/DateField';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { fromLocalInput } from '../incidents/time';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { usePrivacyMutation, type PrivacyRequest } from './api';

const record = (body: unknown) => api<PrivacyRequest>('/privacy-requests', { method: 'POST', json: body });

/**
 * A request received at a service window (by phone, letter or at the counter), recorded by its handler: the same
 * clocks start as for the public form, from the time it was received.
 */
export function NewRequestModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = usePrivacyMutation(record);
  const form = useForm({
    initialValues: {
      type: 'disclosure',
      unitId: null as string | null,
      service: '',
      requesterName: '',
      requesterContact: '',
      requesterCountry: 'JP',
      details: '',
      receivedAt: '',
      language: 'ja',
    },
  });
  const submit = form.onSubmit(({ receivedAt, ...v }) =>
    save.mutate(
      {
        ...v,
        requesterCountry: v.requesterCountry.trim().toUpperCase(),
        ...(receivedAt ? { receivedAt: fromLocalInput(receivedAt) } : {}),
      },
      {
        onSuccess: (saved) => {
          onClose();
          void navigate({ to: `/privacy/requests/${saved.id}` });
        },
        onError: (e) => applyProblem(form, e),
      },
    ),
  );
  return (
    <Modal opened onClose={onClose} title={t('privacy.requests.record')} size="lg">
      <form onSubmit={submit} data-testid="request-new-form">
        <Stack gap="sm">
          <Select
            label={t('privacy.requests.type')}
            data={PRIVACY_REQUEST_TYPES.map((x) => ({ value: x, label: t(`privacy.types.${x}`) }))}
            allowDeselect={false}
            data-testid="request-new-type"
            {...form.getInputProps('type')}
          />
          <OrgUnitSelect
            label={t('privacy.requests.window')}
            value={form.values.unitId}
            onChange={(v) => form.setFieldValue('unitId', v)}
            error={form.errors.unitId as string}
            testId="request-new-unit"
          />
          <TextInput label={t('privacy.public.service')} maxLength={200} {...form.getInputProps('service')} />
          <Group grow wrap="wrap">
            <TextInput
              label={t('privacy.public.name')}
              required
              maxLength={200}
              data-testid="request-new-name"
              {...form.getInputProps('requesterName')}
            />
            <TextInput
              label={t('privacy.public.contact')}
              required
              maxLength={300}
              data-testid="request-new-contact"
              {...form.getInputProps('requesterContact')}
            />
          </Group>
          <Group grow wrap="wrap">
            <TextInput label={t('privacy.public.country')} maxLength={2} {...form.getInputProps('requesterCountry')} />
            <Select
              label={t('privacy.requests.language')}
              data={[
                { value: 'ja', label: '日本語' },
                { value: 'en', label: 'English' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('language')}
            />
          </Group>
          <DateTimeField
            label={t('privacy.requests.receivedAt')}
            description={t('privacy.requests.receivedAtHelp')}
            value={form.values.receivedAt}
            onChange={(v) => form.setFieldValue('receivedAt', v)}
            error={form.errors.receivedAt as string}
            data-testid="request-new-received"
          />
          <Textarea
            label={t('privacy.public.details')}
            autosize
            minRows={3}
            maxLength={5000}
            {...form.getInputProps('details')}
          />
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="request-new-save">
              {t('privacy.requests.recordSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

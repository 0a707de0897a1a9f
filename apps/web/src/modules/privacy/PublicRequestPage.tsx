import { Alert, Button, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PublicLayout } from '../../app/PublicLayout';
import { loadCatalogues } from '../../i18n/modules';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { submitPublicRequest } from './api';

const TYPES = ['disclosure', 'correction', 'deletion', 'stop_of_use', 'third_party_records'];

/** The public form for requests about one's personal data (no account). The receipt is the same for everyone. */
export function PublicRequestPage() {
  const { t, i18n } = useTranslation();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void loadCatalogues(['privacy']).then(() => setReady(true));
  }, []);
  const send = useMutation({ mutationFn: submitPublicRequest });
  const form = useForm({
    initialValues: {
      type: 'disclosure',
      service: '',
      requesterName: '',
      requesterContact: '',
      requesterCountry: 'JP',
      details: '',
    },
  });
  const submit = form.onSubmit((v) =>
    send.mutate(
      { ...v, requesterCountry: v.requesterCountry.trim().toUpperCase(), language: i18n.language === 'ja' ? 'ja' : 'en' },
      { onError: (e) => applyProblem(form, e) },
    ),
  );
  if (!ready) return null;
  return (
    <PublicLayout title={t('privacy.public.title')} width={640}>
      {send.data ? (
        <Stack data-testid="public-request-done">
          <Alert color="green">{t('privacy.public.done')}</Alert>
          <Text>
            {t('privacy.public.reference')}: <strong data-testid="public-request-reference">{send.data.reference}</strong>
          </Text>
        </Stack>
      ) : (
        <form onSubmit={submit} data-testid="public-request-form">
          <Stack>
            <Text size="sm">{t('privacy.public.intro')}</Text>
            <Select
              label={t('privacy.requests.type')}
              data={TYPES.map((x) => ({ value: x, label: t(`privacy.types.${x}`) }))}
              allowDeselect={false}
              data-testid="public-type"
              {...form.getInputProps('type')}
            />
            <TextInput
              label={t('privacy.public.service')}
              maxLength={200}
              data-testid="public-service"
              {...form.getInputProps('service')}
            />
            <TextInput
              label={t('privacy.public.name')}
              required
              maxLength={200}
              autoComplete="name"
              data-testid="public-name"
              {...form.getInputProps('requesterName')}
            />
            <TextInput
              label={t('privacy.public.contact')}
              required
              maxLength={300}
              autoComplete="email"
              data-testid="public-contact"
              {...form.getInputProps('requesterContact')}
            />
            <TextInput label={t('privacy.public.country')} maxLength={2} w={120} {...form.getInputProps('requesterCountry')} />
            <Textarea
              label={t('privacy.public.details')}
              autosize
              minRows={4}
              maxLength={5000}
              data-testid="public-details"
              {...form.getInputProps('details')}
            />
            <Button type="submit" loading={send.isPending} data-testid="public-submit">
              {t('privacy.public.submit')}
            </Button>
            <ProblemAlert error={send.error} />
          </Stack>
        </form>
      )}
    </PublicLayout>
  );
}

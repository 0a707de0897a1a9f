import { Button, Group, Modal, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { EXCHANGE_FORMS, type ExchangeBody, post, type Subcontractor, usePartnerMutation, usePartnerSub } from './api';
import { DateField } from '../../components/dates/DateField';

const today = () => new Date().toISOString().slice(0, 10);

interface Values {
  direction: 'to_partner' | 'from_partner';
  form: (typeof EXCHANGE_FORMS)[number];
  subcontractorId: string | null;
  description: string;
  method: string;
  occurredOn: string;
  approvedBy: string;
  returnDueOn: string;
}

/**
 * Records one exchange of confidential information (2-2-1, 2-2-3, 2-8-4): what went to or came back from the
 * partner (or one of its sub-contractors), when, how, who approved it, and when it is to be returned.
 */
export function ExchangeModal({ partnerId, onClose }: { partnerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const subs = usePartnerSub<Subcontractor>(partnerId, 'subcontractors');
  const form = useForm<Values>({
    initialValues: {
      direction: 'to_partner',
      form: 'papers',
      subcontractorId: null,
      description: '',
      method: '',
      occurredOn: today(),
      approvedBy: '',
      returnDueOn: '',
    },
  });
  const create = usePartnerMutation((v: Values) =>
    post(`/partners/${partnerId}/exchanges`, { ...v, returnDueOn: v.returnDueOn || null } satisfies ExchangeBody),
  );
  const submit = form.onSubmit((v) => create.mutate(v, { onSuccess: onClose, onError: (e) => applyProblem(form, e) }));

  return (
    <Modal opened onClose={onClose} title={t('partners.exchanges.add')} size="lg">
      <form onSubmit={submit} data-testid="exchange-form">
        <Stack>
          <SegmentedControl
            data={(['to_partner', 'from_partner'] as const).map((d) => ({
              value: d,
              label: t(`partners.exchanges.directions.${d}`),
            }))}
            {...form.getInputProps('direction')}
            data-testid="exchange-direction"
          />
          <Group grow align="flex-start">
            <Select
              label={t('partners.exchanges.form')}
              data={EXCHANGE_FORMS.map((f) => ({ value: f, label: t(`partners.exchanges.forms.${f}`) }))}
              allowDeselect={false}
              {...form.getInputProps('form')}
              data-testid="exchange-kind"
            />
            <Select
              label={t('partners.exchanges.subcontractor')}
              placeholder={t('partners.exchanges.partnerItself')}
              clearable
              data={(subs.data ?? [])
                .filter((s) => s.status !== 'ended')
                .map((s) => ({ value: s.id, label: `${s.name} (${t(`partners.subs.status.${s.status}`)})` }))}
              {...form.getInputProps('subcontractorId')}
              data-testid="exchange-sub"
            />
          </Group>
          <Textarea
            label={t('partners.exchanges.description')}
            description={t('partners.exchanges.descriptionHelp')}
            required
            autosize
            minRows={2}
            {...form.getInputProps('description')}
            data-testid="exchange-description"
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('partners.exchanges.method')}
              description={t('partners.exchanges.methodHelp')}
              required
              {...form.getInputProps('method')}
              data-testid="exchange-method"
            />
            <TextInput
              label={t('partners.exchanges.approvedBy')}
              required
              {...form.getInputProps('approvedBy')}
              data-testid="exchange-approved-by"
            />
          </Group>
          <Group grow align="flex-start">
            <DateField
              label={t('partners.exchanges.occurredOn')}
              required
              {...form.getInputProps('occurredOn')}
              data-testid="exchange-occurred-on"
            />
            <DateField
              label={t('partners.exchanges.returnDueOn')}
              description={t('partners.exchanges.returnDueHelp')}
              {...form.getInputProps('returnDueOn')}
              data-testid="exchange-return-due"
            />
          </Group>
          <ProblemAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="exchange-submit">
              {t('partners.exchanges.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

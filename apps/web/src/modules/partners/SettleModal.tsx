import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { type Exchange, post, usePartnerMutation } from './api';
import { DateField } from '../../components/dates/DateField';

interface Values {
  settlement: 'returned' | 'disposed';
  settledOn: string;
  note: string;
}

/** Records the return or disposal of what was handed over, at the end of the period (once per exchange). */
export function SettleModal({ exchange, onClose }: { exchange: Exchange; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: { settlement: 'returned', settledOn: new Date().toISOString().slice(0, 10), note: '' },
  });
  const settle = usePartnerMutation((v: Values) => post(`/partner-exchanges/${exchange.id}/settle`, v));
  return (
    <Modal opened onClose={onClose} title={t('partners.exchanges.settle')}>
      <form
        onSubmit={form.onSubmit((v) => settle.mutate(v, { onSuccess: onClose, onError: (e) => applyProblem(form, e) }))}
        data-testid="settle-form"
      >
        <Stack>
          <Text size="sm">
            {exchange.occurredOn} · {exchange.description}
          </Text>
          <SegmentedControl
            data={(['returned', 'disposed'] as const).map((s) => ({ value: s, label: t(`partners.exchanges.settlements.${s}`) }))}
            {...form.getInputProps('settlement')}
            data-testid="settle-kind"
          />
          <DateField
            label={t('partners.exchanges.settledOn')}
            required
            {...form.getInputProps('settledOn')}
            data-testid="settle-date"
          />
          <Textarea
            label={t('partners.exchanges.settlementNote')}
            description={t('partners.exchanges.settlementNoteHelp')}
            autosize
            {...form.getInputProps('note')}
            data-testid="settle-note"
          />
          <ProblemAlert error={settle.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={settle.isPending} data-testid="settle-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

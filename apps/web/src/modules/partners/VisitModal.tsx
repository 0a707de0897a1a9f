import { ActionIcon, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { post, SEVERITIES, usePartnerMutation } from './api';
import { DateField } from '../../components/dates/DateField';

interface Finding {
  requirementId: string;
  severity: (typeof SEVERITIES)[number];
  note: string;
}
interface Values {
  visitedOn: string;
  visitors: string;
  summary: string;
  findings: Finding[];
}

/** Records an on-site verification visit: who went, what was checked, and each finding (with its requirement). */
export function VisitModal({ partnerId, onClose }: { partnerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: { visitedOn: new Date().toISOString().slice(0, 10), visitors: '', summary: '', findings: [] },
  });
  const create = usePartnerMutation((v: Values) =>
    post(`/partners/${partnerId}/visits`, {
      ...v,
      findings: v.findings.map((f) => ({ ...f, requirementId: f.requirementId.trim() || null })),
    }),
  );
  const findings = form.values.findings;

  return (
    <Modal opened onClose={onClose} title={t('partners.visits.add')} size="lg">
      <form
        onSubmit={form.onSubmit((v) => create.mutate(v, { onSuccess: onClose, onError: (e) => applyProblem(form, e) }))}
        data-testid="visit-form"
      >
        <Stack>
          <Group grow align="flex-start">
            <DateField
              label={t('partners.visits.visitedOn')}
              required
              {...form.getInputProps('visitedOn')}
              data-testid="visit-date"
            />
            <TextInput
              label={t('partners.visits.visitors')}
              required
              {...form.getInputProps('visitors')}
              data-testid="visit-visitors"
            />
          </Group>
          <Textarea
            label={t('partners.visits.summary')}
            description={t('partners.visits.summaryHelp')}
            required
            autosize
            minRows={3}
            {...form.getInputProps('summary')}
            data-testid="visit-summary"
          />
          <Text fw={500} size="sm">
            {t('partners.visits.findings')}
          </Text>
          {findings.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('partners.visits.noFindings')}
            </Text>
          )}
          {findings.map((_, i) => (
            <Group key={i} align="flex-start" wrap="nowrap" data-testid="visit-finding">
              <TextInput
                label={t('partners.fields.requirement')}
                placeholder="2-3-4"
                w={100}
                {...form.getInputProps(`findings.${i}.requirementId`)}
                data-testid={`finding-${i}-requirement`}
              />
              <Select
                label={t('partners.visits.severityLabel')}
                w={120}
                allowDeselect={false}
                data={SEVERITIES.map((s) => ({ value: s, label: t(`partners.visits.severity.${s}`) }))}
                {...form.getInputProps(`findings.${i}.severity`)}
                data-testid={`finding-${i}-severity`}
              />
              <Textarea
                label={t('partners.visits.note')}
                required
                autosize
                style={{ flex: 1 }}
                {...form.getInputProps(`findings.${i}.note`)}
                data-testid={`finding-${i}-note`}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={28}
                aria-label={t('common.delete')}
                onClick={() => form.removeListItem('findings', i)}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              onClick={() => form.insertListItem('findings', { requirementId: '', severity: 'minor', note: '' })}
              data-testid="visit-add-finding"
            >
              {t('partners.visits.addFinding')}
            </Button>
          </Group>
          <ProblemAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="visit-submit">
              {t('partners.visits.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

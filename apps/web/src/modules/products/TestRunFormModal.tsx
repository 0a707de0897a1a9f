import { ActionIcon, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { post, releasePath, SEVERITIES, type Severity, TEST_KINDS, type TestRun, useProductMutation } from './api';
import { DateField } from '../../components/dates/DateField';

interface Values {
  kind: (typeof TEST_KINDS)[number];
  performedOn: string;
  summary: string;
  findings: { title: string; severity: Severity }[];
}

/** Records a pre-shipment test run (black-box, fuzzing, penetration, static analysis) with what it found. */
export function TestRunFormModal({
  productId,
  releaseId,
  onClose,
}: {
  productId: string;
  releaseId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: { kind: 'black_box', performedOn: new Date().toISOString().slice(0, 10), summary: '', findings: [] },
  });
  const save = useProductMutation((v: Values) =>
    post<TestRun>(`${releasePath(productId, releaseId)}/test-runs`, { ...v, summary: v.summary.trim() || undefined }),
  );
  const submit = form.onSubmit((v) =>
    save.mutate(v, {
      onSuccess: () => {
        notifySuccess(t('common.saved'));
        onClose();
      },
      onError: (e) => applyProblem(form, e),
    }),
  );
  return (
    <Modal opened onClose={onClose} size="lg" title={t('products.tests.record')}>
      <form onSubmit={submit} data-testid="test-run-form">
        <Stack>
          <Group grow>
            <Select
              label={t('products.fields.testKind')}
              allowDeselect={false}
              data={TEST_KINDS.map((k) => ({ value: k, label: t(`products.testKind.${k}`) }))}
              {...form.getInputProps('kind')}
              data-testid="test-run-kind"
            />
            <DateField
              label={t('products.fields.performedOn')}
              required
              {...form.getInputProps('performedOn')}
              data-testid="test-run-date"
            />
          </Group>
          <Textarea
            label={t('products.fields.summary')}
            autosize
            {...form.getInputProps('summary')}
            data-testid="test-run-summary"
          />
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              {t('products.tests.findings')}
            </Text>
            <Button
              size="xs"
              variant="default"
              onClick={() => form.insertListItem('findings', { title: '', severity: 'medium' })}
              data-testid="finding-add"
            >
              {t('products.tests.addFinding')}
            </Button>
          </Group>
          {form.values.findings.map((_, i) => (
            <Group key={i} align="flex-end" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={t('products.fields.finding')}
                required
                {...form.getInputProps(`findings.${i}.title`)}
                data-testid={`finding-title-${i}`}
              />
              <Select
                w={140}
                label={t('products.fields.severity')}
                allowDeselect={false}
                data={[...SEVERITIES].reverse().map((s) => ({ value: s, label: t(`products.severity.${s}`) }))}
                {...form.getInputProps(`findings.${i}.severity`)}
                data-testid={`finding-severity-${i}`}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mb={4}
                onClick={() => form.removeListItem('findings', i)}
                aria-label={t('common.delete')}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="test-run-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Alert, Button, Checkbox, Group, Select, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { type TestPlanDetail, uploadSarif, useTestingMutation } from './api';
import { DateField } from '../../components/dates/DateField';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Imports a tool's SARIF 2.1.0 log as a run of the plan, by one of the plan's methods. A retest run closes the
 * findings it no longer reports; a log that fails the schema is refused with the JSON paths that failed.
 */
export function SarifUpload({ plan }: { plan: TestPlanDetail }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [method, setMethod] = useState<string>(plan.methods[0] ?? 'fuzzing');
  const [date, setDate] = useState(today());
  const [retest, setRetest] = useState(false);
  const upload = useTestingMutation((file: File) => uploadSarif(plan.id, file, { method, performedOn: date, retest }));
  const r = upload.data;
  return (
    <>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('testing.fields.method')}
          value={method}
          allowDeselect={false}
          onChange={(v) => v && setMethod(v)}
          data={plan.methods.map((m) => ({ value: m, label: t(`testing.method.${m}`) }))}
          data-testid="sarif-method"
        />
        <DateField label={t('testing.fields.performedOn')} value={date} onChange={(v) => setDate(v)} />
        <Checkbox label={t('testing.runs.retest')} checked={retest} onChange={(e) => setRetest(e.currentTarget.checked)} mb={8} />
        <input
          ref={input}
          type="file"
          hidden
          accept=".sarif,.json,application/json"
          data-testid="sarif-file"
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0];
            if (chosen) upload.mutate(chosen);
            e.currentTarget.value = '';
          }}
        />
        <Button loading={upload.isPending} onClick={() => input.current?.click()} data-testid="sarif-upload">
          {t('testing.runs.upload')}
        </Button>
      </Group>
      {r && (
        <Alert color="green" mt="xs" data-testid="sarif-report">
          <Text size="sm">
            {t('testing.runs.report', {
              results: r.run.results,
              new: r.new,
              again: r.seenAgain,
              reopened: r.reopened,
              pending: r.fixedPendingRetest,
              closed: r.closed,
            })}
          </Text>
        </Alert>
      )}
      <ProblemAlert error={upload.error} testId="sarif-problem" />
    </>
  );
}

import { Alert, Button, FileInput, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { useImportCoverage, useSources } from './api';

/** Upload a console's CSV export for a unit's subtree; the gaps are recomputed and the result shown. */
export function CoverageImportPage() {
  const { t } = useTranslation();
  const sources = useSources();
  const run = useImportCoverage();
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  return (
    <Stack maw={640}>
      <Title order={2}>{t('systemPages.import.title')}</Title>
      <Text size="sm">{t('systemPages.import.intro')}</Text>
      <ProblemAlert error={sources.error ?? run.error} />
      <Select
        label={t('systemPages.import.source')}
        value={sourceId}
        onChange={setSourceId}
        data={(sources.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${t(`systemPages.sourceKind.${s.kind}`)})` }))}
        data-testid="import-source"
      />
      <OrgUnitSelect label={t('systemPages.import.unit')} value={unitId} onChange={setUnitId} required testId="import-unit" />
      <FileInput
        label={t('systemPages.import.file')}
        accept=".csv,text/csv"
        value={file}
        onChange={setFile}
        data-testid="import-file"
      />
      <Button
        disabled={!sourceId || !unitId || !file}
        loading={run.isPending}
        onClick={() => sourceId && unitId && file && run.mutate({ sourceId, unitId, file })}
        data-testid="import-run"
      >
        {t('systemPages.import.run')}
      </Button>
      {run.data && (
        <Alert color="green" data-testid="import-result">
          {t('systemPages.import.result', {
            rows: run.data.rows,
            devices: run.data.devices,
            opened: run.data.findingsOpened,
            closed: run.data.findingsClosed,
          })}
        </Alert>
      )}
    </Stack>
  );
}

import { Alert, Anchor, Button, FileInput, Group, SegmentedControl, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { ASSESSMENT_FORMATS, type AssessmentFormat } from '@mamori/contracts';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { FindingRow } from './assessment-parts';
import { useAssessment, useAssessmentFindings, useImportRun, useRuns, type SystemAssessment } from './assessments-api';

function ImportForm({ assessment }: { assessment: SystemAssessment }) {
  const { t } = useTranslation();
  const run = useImportRun(assessment.id);
  const [format, setFormat] = useState<AssessmentFormat>('openvas');
  const [full, setFull] = useState(true);
  const [file, setFile] = useState<File | null>(null);
  const formats = ASSESSMENT_FORMATS.filter((f) => f !== 'csv' || assessment.csvMapping);
  return (
    <Stack maw={640} data-testid="run-import">
      <Title order={3}>{t('assessmentPages.import.title')}</Title>
      <ProblemAlert error={run.error} />
      <Select
        label={t('assessmentPages.import.format')}
        value={format}
        onChange={(v) => v && setFormat(v as AssessmentFormat)}
        allowDeselect={false}
        data={formats.map((f) => ({ value: f, label: t(`assessmentPages.format.${f}`) }))}
        data-testid="run-format"
      />
      <FileInput label={t('assessmentPages.import.file')} value={file} onChange={setFile} data-testid="run-file" />
      <Switch label={t('assessmentPages.import.full')} checked={full} onChange={(e) => setFull(e.currentTarget.checked)} />
      <Button
        disabled={!file}
        loading={run.isPending}
        onClick={() => file && run.mutate({ format, full, file })}
        style={{ alignSelf: 'flex-start' }}
        data-testid="run-submit"
      >
        {t('assessmentPages.import.run')}
      </Button>
      {run.data && (
        <Alert color="green" data-testid="run-result">
          {t('assessmentPages.import.done', run.data)}
        </Alert>
      )}
    </Stack>
  );
}

/** An assessment: its systems, its runs, the import of a new run, and its findings with SLA colours. */
export function AssessmentPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t } = useTranslation();
  const name = useLocalName();
  const assessment = useAssessment(id);
  const runs = useRuns(id);
  const [filter, setFilter] = useState('open');
  const findings = useAssessmentFindings({
    assessmentId: id,
    state: filter === 'open' ? 'open' : undefined,
    overdue: filter === 'overdue' ? 'true' : undefined,
  });
  const a = assessment.data;
  return (
    <Stack>
      <Anchor component={Link} to="/assessments" size="sm">
        {t('assessmentPages.back')}
      </Anchor>
      <ProblemAlert error={assessment.error ?? runs.error ?? findings.error} />
      {a && (
        <>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {a.name}
          </Title>
          <Text size="sm">
            {t(`assessmentPages.kind.${a.kind}`)} · {name(a.unit)}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('assessmentPages.targets')}:{' '}
            {a.targets.map((x) => `${name(x.system)}${x.hosts.length ? ` (${x.hosts.join(', ')})` : ''}`).join(' / ')}
          </Text>
          <Title order={3}>{t('assessmentPages.findings.title')}</Title>
          <SegmentedControl
            value={filter}
            onChange={setFilter}
            data={[
              { value: 'open', label: t('assessmentPages.findings.openOnly') },
              { value: 'overdue', label: t('assessmentPages.findings.overdueOnly') },
              { value: 'all', label: t('assessmentPages.findings.all') },
            ]}
            style={{ alignSelf: 'flex-start' }}
            data-testid="findings-filter"
          />
          <Stack gap="xs" data-testid="findings-list">
            {findings.items.map((f) => (
              <FindingRow key={f.id} finding={f} />
            ))}
          </Stack>
          {findings.isSuccess && findings.items.length === 0 && <Text c="dimmed">{t('assessmentPages.findings.none')}</Text>}
          <LoadMore
            shown={findings.items.length}
            hasMore={findings.hasNextPage}
            loading={findings.isFetchingNextPage}
            onMore={findings.loadMore}
          />
          <Title order={3}>{t('assessmentPages.runs.title')}</Title>
          <Stack gap={4} data-testid="runs-list">
            {(runs.data ?? []).map((r) => (
              <Group key={r.id} gap="xs" wrap="wrap" data-testid="run-row">
                <Text size="sm">{r.importedAt.slice(0, 10)}</Text>
                <Text size="sm">{t(`assessmentPages.format.${r.format}`)}</Text>
                <Text size="sm">{t(r.full ? 'assessmentPages.runs.full' : 'assessmentPages.runs.partial')}</Text>
                <Text size="sm" c="dimmed">
                  {t('assessmentPages.runs.summary', r)}
                </Text>
              </Group>
            ))}
          </Stack>
          {runs.isSuccess && runs.data.length === 0 && <Text c="dimmed">{t('assessmentPages.runs.none')}</Text>}
          {a.can.import && <ImportForm assessment={a} />}
        </>
      )}
    </Stack>
  );
}

import { fiscalYearLabel, fiscalYearOf, REPORT_FORMATS, type ReportFormat } from '@mamori/contracts';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Paper, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { Table } from '../../components/Table';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { messageText } from '../../i18n/messages';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { SchedulesPanel } from './SchedulesPanel';
import { runFileUrl, useCopyTemplate, useGenerate, useRuns, useTemplates } from './api';

/**
 * Reports from templates (issue #15): pick a template, a fiscal year and a scope, generate (a job: the progress shows
 * here), download PDF, Word or Excel. The security office copies a built-in template to edit its own.
 */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const canManage = useCan('reports:manage');
  const current = fiscalYearOf(new Date());
  const templates = useTemplates();
  const runs = useRuns();
  const generate = useGenerate();
  const copy = useCopyTemplate();
  const [templateId, setTemplateId] = useState<string | null>('yearly-security-report');
  const selected = templates.data?.find((x) => x.id === templateId);
  const [fiscalYear, setFiscalYear] = useState(current);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [language, setLanguage] = useState<'ja' | 'en'>(lang);
  const [formats, setFormats] = useState<ReportFormat[]>(['pdf', 'docx', 'xlsx']);
  // A scheduled report's mail links to /reports?run=<id>: that run is marked in the list.
  const [linkedRun] = useState(() => new URLSearchParams(window.location.search).get('run'));
  const scrolled = useRef(false); // scroll to it once, not on every poll
  return (
    <Stack>
      <Title order={2}>{t('reportsUi.reports.title')}</Title>
      <Text>{t('reportsUi.reports.intro')}</Text>
      <Paper
        withBorder
        p="md"
        component="form"
        aria-labelledby="generate-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (templateId) generate.mutate({ templateId, fiscalYear, unitId, language, formats });
        }}
      >
        <Title order={3} size="h4" id="generate-title" mb="sm">
          {t('reportsUi.reports.generate')}
        </Title>
        <Stack gap="sm">
          <Select
            label={t('reportsUi.reports.template')}
            data={(templates.data ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name[lang] }))}
            value={templateId}
            onChange={setTemplateId}
            allowDeselect={false}
            data-testid="report-template"
          />
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('reportsUi.fiscalYear')}
              data={Array.from({ length: 5 }, (_, i) => ({
                value: String(current - i),
                label: fiscalYearLabel(current - i, i18n.language),
              }))}
              value={String(fiscalYear)}
              onChange={(v) => v && setFiscalYear(Number(v))}
              allowDeselect={false}
              w={140}
              data-testid="report-fy"
            />
            <Select
              label={t('reportsUi.reports.language')}
              data={[
                { value: 'ja', label: '日本語' },
                { value: 'en', label: 'English' },
              ]}
              value={language}
              onChange={(v) => v && setLanguage(v as 'ja' | 'en')}
              allowDeselect={false}
              w={140}
              data-testid="report-language"
            />
            <OrgUnitSelect
              label={t('reportsUi.scopeUnit')}
              value={unitId}
              onChange={setUnitId}
              clearable
              placeholder={t('reportsUi.wholeGroup')}
              testId="report-unit"
            />
          </Group>
          <Checkbox.Group
            label={t('reportsUi.reports.formats')}
            value={formats}
            onChange={(v) => setFormats(v as ReportFormat[])}
          >
            <Group mt={4}>
              {REPORT_FORMATS.map((f) => (
                <Checkbox key={f} value={f} label={f.toUpperCase()} />
              ))}
            </Group>
          </Checkbox.Group>
          {generate.error && <ProblemAlert error={generate.error} />}
          <Group>
            <Button
              type="submit"
              loading={generate.isPending}
              disabled={!templateId || formats.length === 0}
              data-testid="report-generate"
            >
              {t('reportsUi.reports.generateButton')}
            </Button>
            {canManage && templateId && (
              <Button
                variant="default"
                onClick={() => copy.mutate(templateId)}
                loading={copy.isPending}
                data-testid="report-copy"
              >
                {t('reportsUi.reports.copy')}
              </Button>
            )}
          </Group>
          {copy.isSuccess && (
            <Alert color="green">
              {t('reportsUi.reports.copied', { name: copy.data.name[lang] })}{' '}
              <Anchor component={Link} to={`/reports/templates/${copy.data.id}`} data-testid="report-edit-copy">
                {t('reportsUi.templateEdit.edit')}
              </Anchor>
            </Alert>
          )}
          {canManage && selected && !selected.builtIn && !copy.isSuccess && (
            <Anchor component={Link} to={`/reports/templates/${selected.id}`} size="sm" data-testid="report-edit">
              {t('reportsUi.templateEdit.edit')}
            </Anchor>
          )}
        </Stack>
      </Paper>
      <SchedulesPanel templateId={templateId} unitId={unitId} language={language} formats={formats} />
      <Title order={3} size="h4">
        {t('reportsUi.reports.runs')}
      </Title>
      {runs.error && <ProblemAlert error={runs.error} />}
      {runs.data?.length === 0 && <Text c="dimmed">{t('reportsUi.reports.noRuns')}</Text>}
      {!!runs.data?.length && (
        <Table data-testid="report-runs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reportsUi.reports.report')}</Table.Th>
              <Table.Th>{t('reportsUi.reports.status')}</Table.Th>
              <Table.Th>{t('reportsUi.reports.files')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.map((r) => (
              <Table.Tr
                key={r.id}
                data-testid="report-run"
                data-status={r.status}
                aria-current={r.id === linkedRun ? 'true' : undefined}
                bg={r.id === linkedRun ? 'yellow.0' : undefined}
                ref={
                  r.id === linkedRun
                    ? (el) => {
                        if (el && !scrolled.current) {
                          scrolled.current = true;
                          el.scrollIntoView({ block: 'center' });
                        }
                      }
                    : undefined
                }
              >
                <Table.Td>
                  <Text fw={600}>{r.title}</Text>
                  <Text size="xs" c="dimmed">
                    {r.unit ? r.unit.name[lang] : t('reportsUi.wholeGroup')} · {r.language.toUpperCase()} · {r.generatedBy.name} ·{' '}
                    {formatDateTime(r.createdAt, i18n.language)}
                    {r.dataAsOf && ` · ${t('reportsUi.asOf', { at: formatDateTime(r.dataAsOf, i18n.language) })}`}
                  </Text>
                </Table.Td>
                <Table.Td miw={160}>
                  <Badge color={r.status === 'done' ? 'green' : r.status === 'failed' ? 'red' : 'blue'} variant="light">
                    {t(`reportsUi.reports.statuses.${r.status}`)}
                  </Badge>
                  {(r.status === 'queued' || r.status === 'running') && (
                    <Progress value={r.progress} mt={4} aria-label={t('reportsUi.reports.progress', { n: r.progress })} />
                  )}
                  {r.error && (
                    <Text size="xs" c="red.8" data-testid="report-error">
                      {messageText(r.error.code, r.error.params) ?? r.error.code}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {r.files.map((f) => (
                      <Anchor key={f.format} href={runFileUrl(r.id, f.format)} download data-testid={`report-file-${f.format}`}>
                        {f.format.toUpperCase()}
                      </Anchor>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

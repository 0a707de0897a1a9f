import { Anchor, Button, Card, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditChecklistItem, FindingType } from '@mamori/contracts';
import { buildUrl } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { createFinding, setResult, transition, updateAudit, useAudit, useAuditMutation, useFindings, type Audit } from './api';
import { FollowUpPanel, ReplanPanel } from './AuditOffice';
import { EvidencePanel, InterviewsPanel } from './AuditRecords';
import { AuditStateBadge, FindingStateBadge, FindingTypeBadge, useName } from './badges';

const RESULTS = ['conforming', 'nonconforming', 'observation', 'na'] as const;

/** One checklist line: the result and a note, saved as soon as the result is chosen (usable on a phone). */
function ChecklistRow({ auditId, item, editable }: { auditId: string; item: AuditChecklistItem; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const [notes, setNotes] = useState(item.notes);
  const save = useAuditMutation(setResult);
  return (
    <Card withBorder padding="sm" data-testid="checklist-item">
      <Text size="sm" fw={600}>
        {item.source === 'control' ? `A.${item.reference}` : item.reference}
      </Text>
      <Text size="sm">{i18n.language === 'ja' ? item.question.ja : item.question.en}</Text>
      {editable ? (
        <Group align="flex-end" mt="xs" wrap="wrap">
          <Select
            aria-label={t('audits.result')}
            placeholder={t('audits.notRecorded')}
            data={RESULTS.map((r) => ({ value: r, label: t(`audits.results.${r}`) }))}
            value={item.result}
            onChange={(v) =>
              save.mutate({ id: auditId, ref: item.ref, result: (v as AuditChecklistItem['result']) ?? null, notes })
            }
            data-testid="checklist-result"
            w={180}
          />
          <TextInput
            aria-label={t('audits.notes')}
            placeholder={t('audits.notes')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            onBlur={() => notes !== item.notes && save.mutate({ id: auditId, ref: item.ref, result: item.result, notes })}
            style={{ flex: 1, minWidth: 160 }}
          />
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {item.result ? t(`audits.results.${item.result}`) : t('audits.notRecorded')}
          {item.notes ? ` — ${item.notes}` : ''}
        </Text>
      )}
      <ProblemAlert error={save.error} />
    </Card>
  );
}

function NewFinding({ audit }: { audit: Audit }) {
  const { t } = useTranslation();
  const [type, setType] = useState<FindingType>('minor');
  const [reference, setReference] = useState('');
  const [statement, setStatement] = useState('');
  const create = useAuditMutation(createFinding);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('audits.addFinding')}</Title>
        <Select
          label={t('audits.type')}
          data={(['major', 'minor', 'observation', 'good_practice'] as const).map((x) => ({
            value: x,
            label: t(`audits.types.${x}`),
          }))}
          value={type}
          onChange={(v) => v && setType(v as FindingType)}
          allowDeselect={false}
          data-testid="finding-type"
        />
        <TextInput
          label={t('audits.reference')}
          description={t('audits.referenceHint')}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          data-testid="finding-reference"
        />
        <Textarea
          label={t('audits.statement')}
          value={statement}
          onChange={(e) => setStatement(e.currentTarget.value)}
          data-testid="finding-statement"
        />
        <Group>
          <Button
            loading={create.isPending}
            data-testid="finding-create"
            onClick={() =>
              create.mutate(
                { auditId: audit.id, type, reference, statement },
                {
                  onSuccess: () => {
                    setReference('');
                    setStatement('');
                  },
                },
              )
            }
          >
            {t('audits.record')}
          </Button>
        </Group>
        <ProblemAlert error={create.error} />
      </Stack>
    </Card>
  );
}

/** The conclusion, written by the assigned auditors before reporting. */
function Conclusion({ audit: a }: { audit: Audit }) {
  const { t } = useTranslation();
  const [conclusion, setConclusion] = useState(a.conclusion);
  const save = useAuditMutation(updateAudit);
  const editable = a.can.conduct && a.state !== 'closed';
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Textarea
          label={t('audits.conclusion')}
          value={conclusion}
          onChange={(e) => setConclusion(e.currentTarget.value)}
          readOnly={!editable}
          autosize
          minRows={2}
          data-testid="audit-conclusion"
        />
        {editable && (
          <Group>
            <Button
              variant="default"
              data-testid="audit-save"
              loading={save.isPending}
              onClick={() => save.mutate({ id: a.id, body: { conclusion }, version: a.rowVersion })}
            >
              {t('audits.save')}
            </Button>
          </Group>
        )}
        <ProblemAlert error={save.error} />
      </Stack>
    </Card>
  );
}

/** An audit: its facts, the steps, the checklist, the findings (and recording one), the report. */
export function AuditPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation();
  const name = useName();
  const audit = useAudit(id);
  const findings = useFindings(id);
  const step = useAuditMutation(transition);
  const a = audit.data;
  if (!a) return <ProblemAlert error={audit.error} />;
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const conduct = a.can.conduct;
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} data-testid="audit-title">
          {name(a.unit.name)}
        </Title>
        <AuditStateBadge state={a.state} />
      </Group>
      <Text>
        {a.plannedFrom}
        {a.plannedTo !== a.plannedFrom ? ` – ${a.plannedTo}` : ''} · {t(`audits.modes.${a.mode}`)} · {t('audits.lead')}:{' '}
        {name(a.lead.name)}
        {a.coAuditors.length ? ` · ${t('audits.coAuditors')}: ${a.coAuditors.map((c) => name(c.name)).join(', ')}` : ''}
      </Text>
      {a.scope && (
        <Text size="sm" c="dimmed">
          {t('audits.scope')}: {a.scope}
        </Text>
      )}
      <Group>
        {conduct && a.state === 'planned' && (
          <Button
            data-testid="audit-start"
            loading={step.isPending}
            onClick={() => step.mutate({ id, to: 'in_progress', version: a.rowVersion })}
          >
            {t('audits.start')}
          </Button>
        )}
        {conduct && a.state === 'in_progress' && (
          <Button
            data-testid="audit-report"
            loading={step.isPending}
            onClick={() => step.mutate({ id, to: 'reported', version: a.rowVersion })}
          >
            {t('audits.report')}
          </Button>
        )}
        {a.can.manage && a.state === 'reported' && (
          <Button
            data-testid="audit-close"
            loading={step.isPending}
            onClick={() => step.mutate({ id, to: 'closed', version: a.rowVersion })}
          >
            {t('audits.close')}
          </Button>
        )}
        <Button component="a" variant="default" href={buildUrl(`/audits/${id}/report.pdf`, { lang })} data-testid="audit-pdf">
          {t('audits.reportPdf')}
        </Button>
      </Group>
      <ProblemAlert error={step.error} />
      {a.can.manage && a.state === 'planned' && <ReplanPanel key={`r${a.rowVersion}`} audit={a} />}
      <Conclusion key={a.rowVersion} audit={a} />
      <Title order={3}>{t('audits.findings')}</Title>
      <Stack gap="xs" data-testid="audit-findings">
        {(findings.data?.items ?? []).map((f) => (
          <Card withBorder padding="sm" key={f.id} data-testid="finding-row">
            <Group gap="xs" wrap="wrap">
              <Anchor component={Link} to={`/audit-findings/${f.id}`} data-testid="finding-link">
                {t('audits.finding', { n: f.number })}
              </Anchor>
              <FindingTypeBadge type={f.type} />
              <FindingStateBadge state={f.state} overdue={f.overdue} />
              <Text size="sm">{f.referenceKind === 'control' ? `A.${f.reference}` : f.reference}</Text>
            </Group>
            <Text size="sm">{f.statement}</Text>
          </Card>
        ))}
        {findings.data?.items.length === 0 && <Text c="dimmed">{t('audits.none')}</Text>}
      </Stack>
      {conduct && (a.state === 'in_progress' || a.state === 'reported') && <NewFinding audit={a} />}
      {a.can.manage && a.openNonconformities > 0 && <FollowUpPanel audit={a} />}
      <InterviewsPanel key={`i${a.rowVersion}`} audit={a} editable={(conduct || a.can.manage) && a.state !== 'closed'} />
      <EvidencePanel audit={a} canUpload={conduct && (a.state === 'in_progress' || a.state === 'reported')} />
      {a.checklist.length > 0 && (
        <>
          <Title order={3}>{t('audits.checklist')}</Title>
          <Stack gap="xs">
            {a.checklist.map((item) => (
              <ChecklistRow key={item.ref} auditId={id} item={item} editable={conduct && a.state === 'in_progress'} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

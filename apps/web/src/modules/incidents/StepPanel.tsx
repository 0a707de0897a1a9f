import { Button, Group, Paper, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { INCIDENT_STATUSES, SEVERITIES } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../components/problem';
import { type Incident, type IncidentStatus, useTasks, useUpdateIncident } from './api';
import { CAUSES, options } from './catalog';
import { CloseDecisions, type TaskDecision } from './CloseDecisions';
import { Refusal } from './Refusal';
import { fromLocalInput, toLocalInput } from './time';
import { DateTimeField } from '../../components/dates/DateField';

/** The office's decisions on a case (severity, cause, containment, risk) and moving it through the steps. */
export function StepPanel({ incident: c }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const decide = useUpdateIncident(c.id, c.rowVersion);
  const move = useUpdateIncident(c.id, c.rowVersion);
  const [severity, setSeverity] = useState<string>(c.severity);
  const [cause, setCause] = useState<string | null>(c.causeCategory);
  const [containedAt, setContainedAt] = useState(toLocalInput(c.containedAt));
  const [highRisk, setHighRisk] = useState(c.facts.highRisk);
  const [unlawful, setUnlawful] = useState(c.facts.unlawfulPurpose);
  const [nis2, setNis2] = useState(c.facts.nis2Significant ?? false);
  const [nis2HandledAt, setNis2HandledAt] = useState(toLocalInput(c.facts.nis2HandledAt));
  const [secMaterialAt, setSecMaterialAt] = useState(toLocalInput(c.facts.secMaterialAt));
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [decisions, setDecisions] = useState<Record<string, TaskDecision>>({});
  const openTasks = (useTasks(c.id).data ?? []).filter((x) => !x.doneAt).length;
  const current = INCIDENT_STATUSES.indexOf(c.status);
  const next = INCIDENT_STATUSES[current + 1];
  const backwards = to !== null && INCIDENT_STATUSES.indexOf(to as IncidentStatus) < current;

  const saveDecisions = () =>
    decide.mutate(
      {
        severity: severity as Incident['severity'],
        causeCategory: cause,
        containedAt: fromLocalInput(containedAt),
        facts: {
          highRisk,
          unlawfulPurpose: unlawful,
          nis2Significant: nis2,
          nis2HandledAt: nis2 ? fromLocalInput(nis2HandledAt) : null,
          secMaterialAt: fromLocalInput(secMaterialAt),
        },
      },
      { onSuccess: () => notifySuccess(t('common.saved')) },
    );
  const moveTo = (status: string) =>
    move.mutate(
      {
        status: status as IncidentStatus,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(status === 'closed' && openTasks
          ? {
              taskDecisions: Object.values(decisions).map((d) => ({
                taskId: d.taskId,
                decision: d.decision,
                ...(d.reason?.trim() ? { reason: d.reason.trim() } : {}),
              })),
            }
          : {}),
      },
      {
        onSuccess: () => {
          setTo(null);
          setReason('');
          setDecisions({});
          notifySuccess(t('incidents.step.moved', { step: t(`incidents.status.${status}`) }));
        },
      },
    );

  return (
    <Paper withBorder p="md" data-testid="incident-step">
      <Title order={4} mb="sm">
        {t('incidents.step.title')}
      </Title>
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('incidents.field.severity')}
            allowDeselect={false}
            data={[...SEVERITIES].reverse().map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))}
            value={severity}
            onChange={(v) => setSeverity(v ?? severity)}
            data-testid="decision-severity"
            w={140}
          />
          <Select
            label={t('incidents.field.cause')}
            clearable
            data={options(CAUSES, i18n.language)}
            value={cause}
            onChange={setCause}
            data-testid="decision-cause"
            w={280}
          />
          <DateTimeField
            label={t('incidents.field.containedAt')}
            value={containedAt}
            onChange={(v) => setContainedAt(v)}
            data-testid="decision-contained"
          />
          <Button
            variant="default"
            loading={decide.isPending}
            onClick={() => {
              const now = new Date();
              setContainedAt(toLocalInput(now));
              decide.mutate({ containedAt: now.toISOString() });
            }}
            data-testid="decision-contained-now"
          >
            {t('incidents.step.containedNow')}
          </Button>
        </Group>
        <Group>
          <Switch
            label={t('incidents.case.highRisk')}
            checked={highRisk}
            onChange={(e) => setHighRisk(e.currentTarget.checked)}
          />
          <Switch
            label={t('incidents.case.unlawful')}
            checked={unlawful}
            onChange={(e) => setUnlawful(e.currentTarget.checked)}
          />
          <Switch
            label={t('incidents.case.nis2Significant')}
            description={t('incidents.case.nis2SignificantHelp')}
            checked={nis2}
            onChange={(e) => setNis2(e.currentTarget.checked)}
            data-testid="decision-nis2"
          />
          {nis2 && (
            <DateTimeField
              label={t('incidents.case.nis2HandledAt')}
              description={t('incidents.case.nis2HandledAtHelp')}
              value={nis2HandledAt}
              onChange={(v) => setNis2HandledAt(v)}
              data-testid="decision-nis2-handled"
            />
          )}
          <DateTimeField
            label={t('incidents.case.secMaterialAt')}
            description={t('incidents.case.secMaterialAtHelp')}
            value={secMaterialAt}
            onChange={(v) => setSecMaterialAt(v)}
            data-testid="decision-sec-material"
          />
          <Button onClick={saveDecisions} loading={decide.isPending} data-testid="decision-save">
            {t('common.save')}
          </Button>
        </Group>
        <Refusal error={decide.error} testId="decision-problem" />
        <Text size="sm">
          {t('incidents.step.current')}: <b>{t(`incidents.status.${c.status}`)}</b>
        </Text>
        <Group align="flex-end" wrap="wrap">
          {next && (
            <Button
              onClick={() => (next === 'closed' && openTasks && to !== 'closed' ? setTo('closed') : moveTo(next))}
              loading={move.isPending && !to}
              data-testid="step-next"
            >
              {t('incidents.step.next', { step: t(`incidents.status.${next}`) })}
            </Button>
          )}
          <Select
            label={t('incidents.step.other')}
            clearable
            data={INCIDENT_STATUSES.filter((s) => s !== c.status).map((s) => ({ value: s, label: t(`incidents.status.${s}`) }))}
            value={to}
            onChange={setTo}
            data-testid="step-select"
            w={220}
          />
          <TextInput
            label={t('incidents.step.reason')}
            description={backwards ? t('incidents.step.reasonNeeded') : undefined}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="step-reason"
            style={{ flex: '1 1 220px' }}
          />
          <Button variant="default" disabled={!to} onClick={() => to && moveTo(to)} data-testid="step-submit">
            {t('incidents.step.move')}
          </Button>
        </Group>
        {to === 'closed' && <CloseDecisions incidentId={c.id} value={decisions} onChange={setDecisions} />}
        <Refusal error={move.error} testId="step-problem" />
      </Stack>
    </Paper>
  );
}

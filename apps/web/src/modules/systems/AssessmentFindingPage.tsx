import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { SeverityBadge, SlaBadge } from './assessment-parts';
import {
  useAssessmentFinding,
  useDecideException,
  useOpenIncident,
  useRequestException,
  type AssessmentFindingDetail,
} from './assessments-api';
import { DateField } from '../../components/dates/DateField';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

function RequestForm({ finding }: { finding: AssessmentFindingDetail }) {
  const { t } = useTranslation();
  const ask = useRequestException(finding.id);
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  return (
    <Stack maw={640} data-testid="exception-request">
      <Title order={4}>{t('assessmentPages.exception.request')}</Title>
      <ProblemAlert error={ask.error} />
      <Textarea
        label={t('assessmentPages.exception.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        required
        data-testid="exception-reason"
      />
      <DateField
        label={t('assessmentPages.exception.expiresOn')}
        value={expiresOn}
        onChange={(v) => setExpiresOn(v)}
        required
        data-testid="exception-expires"
      />
      <Button
        style={{ alignSelf: 'flex-start' }}
        loading={ask.isPending}
        onClick={() => ask.mutate({ ifMatch: finding.rowVersion, body: { reason, ...(expiresOn ? { expiresOn } : {}) } })}
        data-testid="exception-submit"
      >
        {t('assessmentPages.exception.submit')}
      </Button>
    </Stack>
  );
}

function DecideForm({ finding }: { finding: AssessmentFindingDetail }) {
  const { t } = useTranslation();
  const decide = useDecideException(finding.id);
  const [note, setNote] = useState('');
  const send = (decision: 'approved' | 'refused') => decide.mutate({ ifMatch: finding.rowVersion, body: { decision, note } });
  return (
    <Stack maw={640} data-testid="exception-decide">
      <ProblemAlert error={decide.error} />
      <Textarea label={t('assessmentPages.exception.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <Group>
        <Button onClick={() => send('approved')} loading={decide.isPending} data-testid="exception-approve">
          {t('assessmentPages.exception.approve')}
        </Button>
        <Button variant="default" onClick={() => send('refused')} loading={decide.isPending} data-testid="exception-refuse">
          {t('assessmentPages.exception.refuse')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A finding: what, where, since when, its SLA; its history; its exceptions (ask, approve or refuse); an incident. */
export function AssessmentFindingPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t } = useTranslation();
  const name = useLocalName();
  const query = useAssessmentFinding(id);
  const incident = useOpenIncident(id);
  const f = query.data;
  const waiting = f?.exceptions.some((e) => e.status === 'requested') ?? false;
  return (
    <Stack>
      {f && (
        <Anchor component={Link} to={`/assessments/${f.assessment.id}`} size="sm">
          {t('assessmentPages.finding.back')}
        </Anchor>
      )}
      <ProblemAlert error={query.error ?? incident.error} />
      {f && (
        <>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {f.title}
          </Title>
          <Group gap={4} wrap="wrap">
            <SeverityBadge severity={f.severity} />
            {f.knownExploited && (
              <Badge color="red" variant="outline">
                {t('assessmentPages.kev')}
              </Badge>
            )}
            <SlaBadge finding={f} />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Field label={t('assessmentPages.finding.system')}>{name(f.system)}</Field>
            <Field label={t('assessmentPages.finding.unit')}>{name(f.unit)}</Field>
            <Field label={t('assessmentPages.finding.owner')}>{f.owner ? name(f.owner) : '-'}</Field>
            <Field label={t('assessmentPages.finding.rule')}>{f.ruleId}</Field>
            <Field label={t('assessmentPages.finding.location')}>{f.location || '-'}</Field>
            <Field label={t('assessmentPages.finding.cve')}>{f.cves.join(', ') || '-'}</Field>
            <Field label={t('assessmentPages.finding.cwe')}>{f.cwes.join(', ') || '-'}</Field>
            <Field label={t('assessmentPages.finding.firstSeen')}>{f.firstSeenAt.slice(0, 10)}</Field>
            <Field label={t('assessmentPages.finding.lastSeen')}>{f.lastSeenAt.slice(0, 10)}</Field>
            <Field label={t('assessmentPages.finding.dueOn')}>{f.dueOn}</Field>
            {f.fixedAt && <Field label={t('assessmentPages.finding.fixedAt')}>{f.fixedAt.slice(0, 10)}</Field>}
            {f.incidentId && (
              <Field label={t('assessmentPages.finding.incident')}>
                <Anchor component={Link} to={`/incidents/${f.incidentId}`} data-testid="finding-incident">
                  {t('assessmentPages.finding.incident')}
                </Anchor>
              </Field>
            )}
          </SimpleGrid>
          {f.can.openIncident && (
            <Button
              variant="default"
              style={{ alignSelf: 'flex-start' }}
              loading={incident.isPending}
              onClick={() => incident.mutate({ ifMatch: f.rowVersion, body: {} })}
              data-testid="finding-open-incident"
            >
              {t('assessmentPages.finding.openIncident')}
            </Button>
          )}
          <Title order={3}>{t('assessmentPages.finding.exceptions')}</Title>
          <Stack gap={4} data-testid="exceptions-list">
            {f.exceptions.map((e) => (
              <Stack key={e.id} gap={0} data-testid="exception-row">
                <Group gap="xs" wrap="wrap">
                  <Badge color={e.status === 'approved' ? 'blue' : e.status === 'refused' ? 'gray' : 'yellow'} variant="light">
                    {t(`assessmentPages.exception.status.${e.status}`)}
                  </Badge>
                  <Text size="sm">
                    {e.expired
                      ? t('assessmentPages.exception.expired')
                      : t('assessmentPages.exception.until', { date: e.expiresOn })}
                  </Text>
                  {e.requestedBy && (
                    <Text size="xs" c="dimmed">
                      {t('assessmentPages.exception.by', { name: e.requestedBy })}
                    </Text>
                  )}
                </Group>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {e.reason}
                </Text>
                {e.note && (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {e.note}
                  </Text>
                )}
              </Stack>
            ))}
          </Stack>
          {f.exceptions.length === 0 && <Text c="dimmed">{t('assessmentPages.finding.noExceptions')}</Text>}
          {waiting && f.can.decideException && <DecideForm finding={f} />}
          {!waiting && f.can.requestException && <RequestForm finding={f} />}
          <Title order={3}>{t('assessmentPages.finding.history')}</Title>
          <Stack gap={2} data-testid="finding-history">
            {f.events.map((e, i) => (
              <Text key={i} size="sm">
                {e.at.slice(0, 10)} · {t(`assessmentPages.event.${e.kind}`)}
                {e.by ? ` · ${e.by}` : ''}
              </Text>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

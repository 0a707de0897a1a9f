import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { scheduleFollowUp, updateAudit, useAudit, useAuditMutation, type Audit } from './api';
import { firstUnder, ModeSelect, PlannedDays, TeamPicker, type Mode } from './team';

/**
 * Re-planning a planned audit (the office): days, mode and team, sent with the version the page loaded (If-Match).
 * Someone else's change meanwhile is refused (412): the reader is told and may reload.
 */
export function ReplanPanel({ audit: a }: { audit: Audit }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(a.plannedFrom);
  const [to, setTo] = useState(a.plannedTo);
  const [mode, setMode] = useState<Mode>(a.mode);
  const [lead, setLead] = useState<string | null>(a.lead.id);
  const [co, setCo] = useState(a.coAuditors.map((c) => c.id));
  const save = useAuditMutation(updateAudit);
  const reload = useAudit(a.id);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const stale = save.error instanceof ApiError && save.error.status === 412;
  return (
    <Card withBorder data-testid="audit-replan">
      <Stack gap="xs">
        <Title order={4}>{t('audits.replan')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PlannedDays
            from={from}
            to={to}
            onChange={(f, l) => {
              setFrom(f);
              setTo(l);
            }}
            errors={{ from: errors.plannedFrom, to: errors.plannedTo }}
            testId="replan"
          />
          <ModeSelect value={mode} onChange={setMode} testId="replan-mode" />
          <TeamPicker
            lead={lead}
            co={co}
            onLead={setLead}
            onCo={setCo}
            errors={{ lead: errors.leadAuditorId, co: firstUnder(errors, 'coAuditorIds') }}
            testId="replan"
          />
        </SimpleGrid>
        <Group>
          <Button
            loading={save.isPending}
            disabled={!lead}
            data-testid="replan-save"
            onClick={() =>
              save.mutate(
                {
                  id: a.id,
                  body: { plannedFrom: from, plannedTo: to, mode, leadAuditorId: lead ?? undefined, coAuditorIds: co },
                  version: a.rowVersion,
                },
                { onSuccess: () => notifySuccess(t('audits.saved')) },
              )
            }
          >
            {t('audits.saveReplan')}
          </Button>
          {stale && (
            <Button variant="default" onClick={() => void reload.refetch()} data-testid="replan-reload">
              {t('audits.reload')}
            </Button>
          )}
        </Group>
        <ProblemAlert error={save.error} testId="replan-problem" />
      </Stack>
    </Card>
  );
}

/** A follow-up audit of the same unit from this audit's open nonconformities (the office). */
export function FollowUpPanel({ audit: a }: { audit: Audit }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [mode, setMode] = useState<Mode>('on_site');
  const [lead, setLead] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const follow = useAuditMutation(scheduleFollowUp);
  const errors = follow.error instanceof ApiError ? follow.error.fieldErrors() : {};
  return (
    <Card withBorder data-testid="audit-follow-up">
      <Stack gap="xs">
        <Title order={4}>{t('audits.followUp')}</Title>
        <Text size="sm" c="dimmed">
          {t('audits.followUpIntro')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PlannedDays
            from={from}
            to={to}
            onChange={(f, l) => {
              setFrom(f);
              setTo(l);
            }}
            errors={{ from: errors.plannedFrom, to: errors.plannedTo }}
            testId="follow"
          />
          <ModeSelect value={mode} onChange={setMode} testId="follow-mode" />
          <TeamPicker
            lead={lead}
            co={[]}
            onLead={setLead}
            onCo={() => undefined}
            errors={{ lead: errors.leadAuditorId }}
            testId="follow"
            withCo={false}
          />
        </SimpleGrid>
        <Group>
          <Button
            loading={follow.isPending}
            disabled={!lead || !from || !to}
            data-testid="follow-create"
            onClick={() =>
              lead &&
              follow.mutate(
                { id: a.id, body: { plannedFrom: from, plannedTo: to, leadAuditorId: lead, mode } },
                { onSuccess: (r) => setCreated(r.id) },
              )
            }
          >
            {t('audits.followUpCreate')}
          </Button>
        </Group>
        {created && (
          <Text size="sm" data-testid="follow-created">
            <Anchor component={Link} to={`/audits/${created}`}>
              {t('audits.followUpCreated')}
            </Anchor>
          </Text>
        )}
        <ProblemAlert error={follow.error} />
      </Stack>
    </Card>
  );
}

import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { type Deadline, useCaseMutation, useDeadlines } from './api';
import { TimeLeft } from './badges';
import { fromLocalInput } from './time';
import { DateTimeField } from '../../components/dates/DateField';

const SETTLED = ['met', 'met_late', 'waived', 'not_applicable'];
const COLOR: Record<string, string> = {
  pending: 'blue',
  due_soon: 'orange',
  overdue: 'red',
  met: 'green',
  met_late: 'yellow',
  waived: 'gray',
  not_applicable: 'gray',
};

/** The clocks of a case: the law's and the customers' deadlines, each met, waived or running. */
export function DeadlinesPanel({ incidentId, canManage }: { incidentId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const deadlines = useDeadlines(incidentId);
  return (
    <Paper withBorder p="md" data-testid="incident-deadlines">
      <Title order={4} mb="sm">
        {t('incidents.deadlines.title')}
      </Title>
      <ProblemAlert error={deadlines.error} />
      {deadlines.data?.length === 0 && <Text c="dimmed">{t('incidents.deadlines.none')}</Text>}
      <Stack>
        {deadlines.data?.map((d) => (
          <DeadlineRow key={d.id} incidentId={incidentId} d={d} canManage={canManage} />
        ))}
      </Stack>
    </Paper>
  );
}

function DeadlineRow({ incidentId, d, canManage }: { incidentId: string; d: Deadline; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const [mode, setMode] = useState<'met' | 'waive' | null>(null);
  const [metAt, setMetAt] = useState('');
  const [how, setHow] = useState('');
  const [reason, setReason] = useState('');
  const settle = useCaseMutation(incidentId, (body: object) =>
    api<Deadline>(`/incidents/${incidentId}/deadlines/${d.id}/${mode === 'waive' ? 'waive' : 'met'}`, {
      method: 'POST',
      json: body,
    }),
  );
  const settled = SETTLED.includes(d.status);
  const submit = () =>
    settle.mutate(mode === 'waive' ? { reason } : { how, metAt: fromLocalInput(metAt) ?? undefined }, {
      onSuccess: () => setMode(null),
    });
  return (
    <Paper withBorder p="sm" data-testid={`deadline-${d.ruleId}`} data-status={d.status}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text fw={600}>
            {d.title[lang]}
            {d.customer ? ` — ${d.customer}` : ''}
          </Text>
          <Text size="sm" c="dimmed">
            {t('incidents.deadlines.to')}: {d.recipient[lang]} · {d.law}
            {d.hard ? '' : ` · ${t('incidents.deadlines.soft')}`}
          </Text>
          <Text size="sm">
            {t('incidents.deadlines.due')}: {formatDateTime(d.dueAt, i18n.language)}{' '}
            {!settled && <TimeLeft dueAt={d.dueAt} ms={d.timeLeftMs} />}
          </Text>
          {d.metAt && (
            <Text size="sm" data-testid="deadline-met-info">
              {t('incidents.deadlines.metAt', { at: formatDateTime(d.metAt, i18n.language) })}: {d.metHow}
            </Text>
          )}
          {d.waivedReason && (
            <Text size="sm" data-testid="deadline-waived-info">
              {t('incidents.deadlines.waivedBecause')}: {d.waivedReason}
            </Text>
          )}
        </Stack>
        <Badge color={COLOR[d.status] ?? 'gray'} data-testid="deadline-status">
          {t(`incidents.deadlineStatus.${d.status}`)}
        </Badge>
      </Group>
      {canManage && !settled && !mode && (
        <Group mt="xs">
          <Button size="xs" onClick={() => setMode('met')} data-testid="deadline-met">
            {t('incidents.deadlines.markMet')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setMode('waive')} data-testid="deadline-waive">
            {t('incidents.deadlines.waive')}
          </Button>
        </Group>
      )}
      {mode && (
        <Stack mt="xs" gap="xs" data-testid="deadline-form">
          {mode === 'met' ? (
            <>
              <DateTimeField
                label={t('incidents.deadlines.metWhen')}
                description={t('incidents.deadlines.metWhenHelp')}
                value={metAt}
                onChange={(v) => setMetAt(v)}
                data-testid="deadline-met-at"
              />
              <Textarea
                label={t('incidents.deadlines.how')}
                required
                value={how}
                onChange={(e) => setHow(e.currentTarget.value)}
                data-testid="deadline-how"
              />
            </>
          ) : (
            <Textarea
              label={t('incidents.deadlines.reason')}
              required
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="deadline-reason"
            />
          )}
          <ProblemAlert error={settle.error} />
          <Group>
            <Button size="xs" variant="default" onClick={() => setMode(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              size="xs"
              loading={settle.isPending}
              disabled={mode === 'met' ? !how.trim() : !reason.trim()}
              onClick={submit}
              data-testid="deadline-submit"
            >
              {mode === 'met' ? t('incidents.deadlines.markMet') : t('incidents.deadlines.waive')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

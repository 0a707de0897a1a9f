import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageText } from '../../i18n/messages';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { type TimelineEntry, useCaseMutation, useTimeline } from './api';
import { fromLocalInput } from './time';
import { DateTimeField } from '../../components/dates/DateField';

const KINDS = ['action', 'decision', 'message', 'note'] as const;

/** The case record, newest first. Nothing is changed or deleted: a correction is a new entry naming the old one. */
export function TimelinePanel({ incidentId, canContribute }: { incidentId: string; canContribute: boolean }) {
  const { t, i18n } = useTranslation();
  const timeline = useTimeline(incidentId);
  const [kind, setKind] = useState<string>('action');
  const [text, setText] = useState('');
  const [at, setAt] = useState('');
  const [corrects, setCorrects] = useState<TimelineEntry | null>(null);
  const add = useCaseMutation(incidentId, (body: object) =>
    api<TimelineEntry>(`/incidents/${incidentId}/timeline`, { method: 'POST', json: body }),
  );
  const entries = [...(timeline.data ?? [])].reverse();
  const byId = new Map(entries.map((e) => [e.id, e]));

  // The list refreshes before this mutation's own onSuccess runs, so the user may already have started the
  // next entry (or picked one to correct): clear only what was sent.
  const submit = () => {
    const sent = { text, at, corrects };
    add.mutate(
      { kind, text, ...(at ? { at: fromLocalInput(at) } : {}), ...(corrects ? { corrects: corrects.id } : {}) },
      {
        onSuccess: () => {
          setText((current) => (current === sent.text ? '' : current));
          setAt((current) => (current === sent.at ? '' : current));
          setCorrects((current) => (current === sent.corrects ? null : current));
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" data-testid="incident-timeline">
      <Title order={4} mb="sm">
        {t('incidents.timeline.title')}
      </Title>
      {canContribute && (
        <Stack gap="xs" mb="md" data-testid="timeline-form">
          {corrects && (
            <Alert color="yellow" data-testid="timeline-correcting">
              {t('incidents.timeline.correcting', { seq: corrects.seq })}{' '}
              <Button size="compact-xs" variant="subtle" onClick={() => setCorrects(null)}>
                {t('common.cancel')}
              </Button>
            </Alert>
          )}
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('incidents.timeline.kind')}
              allowDeselect={false}
              data={KINDS.map((k) => ({ value: k, label: t(`incidents.timelineKind.${k}`) }))}
              value={kind}
              onChange={(v) => setKind(v ?? 'action')}
              data-testid="timeline-kind"
              w={160}
            />
            <DateTimeField
              label={t('incidents.timeline.at')}
              description={t('incidents.timeline.atHelp')}
              value={at}
              onChange={(v) => setAt(v)}
              data-testid="timeline-at"
            />
          </Group>
          <Textarea
            label={t('incidents.timeline.text')}
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="timeline-text"
          />
          <ProblemAlert error={add.error} />
          <Group>
            <Button onClick={submit} disabled={!text.trim()} loading={add.isPending} data-testid="timeline-submit">
              {corrects ? t('incidents.timeline.addCorrection') : t('incidents.timeline.add')}
            </Button>
          </Group>
        </Stack>
      )}
      <ProblemAlert error={timeline.error} />
      <Stack gap="xs">
        {entries.map((e) => (
          <Paper key={e.id} withBorder p="xs" data-testid="timeline-entry" data-kind={e.kind} data-seq={e.seq}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2}>
                <Group gap="xs">
                  <Badge size="sm" variant="light">
                    {t(`incidents.timelineKind.${e.kind}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    #{e.seq} · {formatDateTime(e.at, i18n.language)} · {e.actor?.name ?? t('incidents.timeline.system')}
                  </Text>
                  {e.correctedBy && (
                    <Badge size="sm" color="yellow" data-testid="timeline-corrected">
                      {t('incidents.timeline.corrected', { seq: byId.get(e.correctedBy)?.seq ?? '?' })}
                    </Badge>
                  )}
                </Group>
                {e.corrects && (
                  <Text size="xs" c="dimmed">
                    {t('incidents.timeline.corrects', { seq: byId.get(e.corrects)?.seq ?? '?' })}
                  </Text>
                )}
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} td={e.correctedBy ? 'line-through' : undefined}>
                  {entryText(e)}
                </Text>
              </Stack>
              {canContribute && !e.correctedBy && KINDS.includes(e.kind as (typeof KINDS)[number]) && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => {
                    setCorrects(e);
                    setKind(e.kind);
                    setText(e.text);
                  }}
                  data-testid="timeline-correct"
                >
                  {t('incidents.timeline.correct')}
                </Button>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}

type Coded = { code?: string; params?: Record<string, unknown> };

/**
 * An entry in the reader's language: the server stores `text` (its English record) and, for the entries it writes
 * itself, `data.message` (or `data.messages`, one per clock change) as catalogue codes with values; times in
 * them are shown in the reader's zone. Entries people wrote are shown as written.
 */
function entryText(e: { text: string; data?: unknown }): string {
  const data = (e.data ?? {}) as { message?: Coded; messages?: Coded[] };
  const coded = data.messages ?? (data.message ? [data.message] : []);
  const lines = coded.map((m) => messageText(m.code, m.params));
  return coded.length && lines.every((l) => l !== undefined) ? lines.join('\n') : e.text;
}

import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { fiscalYearLabel, type ReviewPackSection } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { usePermissions } from '../../app/useCan';
import { formatDateTime } from '../../components/names';
import { Table } from '../../components/Table';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import {
  addAction,
  assemble,
  closeReview,
  updateAction,
  updateReview,
  useReview,
  useReviewMutation,
  type Review,
  type ReviewAction,
} from './api';
import { DateField } from '../../components/dates/DateField';

const SHOWN: Record<string, string[]> = {
  previousActions: ['total', 'done', 'open'],
  incidents: ['incidents', 'nearMisses', 'open'],
  risks: ['total', 'overdue', 'accepted'],
  soa: ['approvedVersion', 'applicable', 'excluded', 'implemented', 'partial', 'notStarted'],
  audits: ['total', 'done', 'open', 'major', 'minor', 'openNonconformities', 'overdue'],
  planCompletion: ['total', 'done', 'overdue', 'rate'],
  education: ['total', 'done', 'overdue', 'rate'],
  partners: ['assessments', 'submitted', 'passed', 'failed', 'averageScore', 'openImprovementRequests', 'openCriticalRequests'],
};

function Section({ s }: { s: ReviewPackSection }) {
  const { t } = useTranslation();
  const d = (s.data ?? {}) as Record<string, unknown>;
  return (
    <Card withBorder data-testid={`pack-${s.key}`}>
      <Stack gap="xs">
        <Title order={5}>{t(`managementReview.sections.${s.key}`)}</Title>
        {!s.available ? (
          <Text c="dimmed" fs="italic">
            {t('managementReview.notAvailable')}
          </Text>
        ) : s.key === 'issues' ? (
          (['internalIssues', 'externalIssues', 'interestedParties'] as const).map((k) => (
            <Text key={k} size="sm">
              <b>{t(`managementReview.fields.${k}`)}</b>: {String(d[k] || '—')}
            </Text>
          ))
        ) : (
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
            {(SHOWN[s.key] ?? Object.keys(d)).map((k) => (
              <Stack key={k} gap={0}>
                <Text size="xs" c="dimmed">
                  {t(`managementReview.figures.${k}`)}
                </Text>
                <Text fw={600}>{d[k] === null || d[k] === undefined ? '—' : String(d[k])}</Text>
              </Stack>
            ))}
          </SimpleGrid>
        )}
        {s.key === 'incidents' && d.previousYear ? (
          <Text size="xs" c="dimmed">
            {t('managementReview.previousYear', d.previousYear as Record<string, number>)}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function Inputs({ review }: { review: Review }) {
  const { t } = useTranslation();
  const save = useReviewMutation(updateReview);
  // remounted (key) when the review changes, so the form starts from the saved values
  const [form, setForm] = useState(() => ({
    internalIssues: review.internalIssues,
    externalIssues: review.externalIssues,
    interestedParties: review.interestedParties,
    attendees: review.attendees.map((a) => (a.role ? `${a.name} | ${a.role}` : a.name)).join('\n'),
  }));
  const attendees = form.attendees
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name, role] = l.split('|').map((x) => x.trim());
      return { name: name!, role: role ?? '' };
    });
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('managementReview.inputs')}</Title>
        <Textarea
          label={t('managementReview.attendees')}
          description={t('managementReview.attendeesHelp')}
          autosize
          minRows={2}
          value={form.attendees}
          onChange={(e) => setForm({ ...form, attendees: e.currentTarget.value })}
        />
        {(['internalIssues', 'externalIssues', 'interestedParties'] as const).map((k) => (
          <Textarea
            key={k}
            label={t(`managementReview.fields.${k}`)}
            autosize
            minRows={2}
            value={form[k]}
            onChange={(e) => setForm({ ...form, [k]: e.currentTarget.value })}
          />
        ))}
        <ProblemAlert error={save.error} />
        <Group>
          <Button
            variant="light"
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                {
                  id: review.id,
                  version: review.rowVersion,
                  body: {
                    internalIssues: form.internalIssues,
                    externalIssues: form.externalIssues,
                    interestedParties: form.interestedParties,
                    attendees,
                  },
                },
                { onSuccess: () => notifySuccess(t('managementReview.saved')) },
              )
            }
          >
            {t('managementReview.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Decisions({ review }: { review: Review }) {
  const { t } = useTranslation();
  const save = useReviewMutation(updateReview);
  const close = useReviewMutation(closeReview);
  const [text, setText] = useState(review.decisions);
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('managementReview.decisions')}</Title>
        {review.canDecide ? (
          <>
            <Textarea
              autosize
              minRows={3}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              aria-label={t('managementReview.decisions')}
            />
            <ProblemAlert error={save.error ?? close.error} />
            <Group>
              <Button
                variant="light"
                loading={save.isPending}
                onClick={() => save.mutate({ id: review.id, version: review.rowVersion, body: { decisions: text } })}
              >
                {t('managementReview.save')}
              </Button>
              <Button
                color="green"
                loading={close.isPending}
                onClick={() => close.mutate({ id: review.id, version: review.rowVersion })}
              >
                {t('managementReview.close')}
              </Button>
            </Group>
          </>
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap' }}>{review.decisions || '—'}</Text>
        )}
      </Stack>
    </Card>
  );
}

function Actions({ review, canFollowUp }: { review: Review; canFollowUp: boolean }) {
  const { t, i18n } = useTranslation();
  const add = useReviewMutation(addAction);
  const change = useReviewMutation(updateAction);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const statuses = (['open', 'done', 'dropped'] as const).map((s) => ({
    value: s,
    label: t(`managementReview.actionStatuses.${s}`),
  }));
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('managementReview.actions', { year: fiscalYearLabel(review.fiscalYear + 1, i18n.language) })}</Title>
        <Table minWidth={420} striped data-testid="review-actions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('managementReview.action')}</Table.Th>
              <Table.Th>{t('managementReview.owner')}</Table.Th>
              <Table.Th>{t('managementReview.dueOn')}</Table.Th>
              <Table.Th>{t('managementReview.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {review.actionItems.map((a: ReviewAction) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {a.title}
                  {a.outcome && (
                    <Text size="xs" c="dimmed">
                      {a.outcome}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{a.owner}</Table.Td>
                <Table.Td>{a.dueOn}</Table.Td>
                <Table.Td>
                  {canFollowUp ? (
                    <Select
                      size="xs"
                      aria-label={t('managementReview.status')}
                      data={statuses}
                      value={a.status}
                      allowDeselect={false}
                      onChange={(v) =>
                        v && change.mutate({ id: review.id, action: a, body: { status: v as ReviewAction['status'] } })
                      }
                    />
                  ) : (
                    <Badge>{t(`managementReview.actionStatuses.${a.status}`)}</Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <ProblemAlert error={change.error ?? add.error} />
        {review.canDecide && (
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('managementReview.action')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              style={{ flex: 2, minWidth: 200 }}
            />
            <TextInput
              label={t('managementReview.owner')}
              value={owner}
              onChange={(e) => setOwner(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 140 }}
            />
            <DateField label={t('managementReview.dueOn')} value={dueOn} onChange={(v) => setDueOn(v)} />
            <Button
              disabled={!title || !owner || !dueOn}
              loading={add.isPending}
              onClick={() =>
                add.mutate(
                  { id: review.id, body: { title, owner, dueOn } },
                  { onSuccess: () => (setTitle(''), setOwner(''), setDueOn('')) },
                )
              }
            >
              {t('managementReview.addAction')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** One review: facts, PDF, the office's inputs, the pack (snapshot), the CISO's decisions and actions. */
export function ReviewPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation();
  const review = useReview(id);
  const build = useReviewMutation(assemble);
  const can = usePermissions();
  const followUp = can('management-review:manage') || can('management-review:decide');
  const r = review.data;
  return (
    <Stack>
      <ProblemAlert error={review.error} />
      {r && (
        <>
          <Group justify="space-between" wrap="wrap">
            <Title order={2}>
              {t('managementReview.title')} {fiscalYearLabel(r.fiscalYear, i18n.language)}
            </Title>
            <Badge size="lg" color={r.status === 'done' ? 'green' : 'blue'} data-testid="review-status">
              {t(`managementReview.statuses.${r.status}`)}
            </Badge>
          </Group>
          <Text>{r.title}</Text>
          <Group gap="md" wrap="wrap">
            <Text size="sm">
              {t('managementReview.heldOn')}: {r.heldOn}
            </Text>
            <Text size="sm">
              {t('managementReview.attendees')}: {r.attendees.map((a) => a.name).join(', ') || '—'}
            </Text>
          </Group>
          <Group gap="md">
            <Anchor href={buildUrl(`/management-reviews/${id}/pack.pdf`, { lang: 'ja' })} data-testid="review-pdf-ja">
              {t('managementReview.pdfJa')}
            </Anchor>
            <Anchor href={buildUrl(`/management-reviews/${id}/pack.pdf`, { lang: 'en' })} data-testid="review-pdf-en">
              {t('managementReview.pdfEn')}
            </Anchor>
          </Group>
          {r.canManage && <Inputs key={r.rowVersion} review={r} />}
          <Group justify="space-between" wrap="wrap">
            <Title order={3}>{t('managementReview.pack')}</Title>
            {r.canManage && (
              <Button
                loading={build.isPending}
                onClick={() => build.mutate({ id, version: r.rowVersion })}
                data-testid="review-assemble"
              >
                {t('managementReview.assemble')}
              </Button>
            )}
          </Group>
          <ProblemAlert error={build.error} />
          <Text size="sm" c="dimmed">
            {r.pack
              ? t('managementReview.assembledAt', { at: formatDateTime(r.pack.assembledAt, i18n.language) })
              : t('managementReview.notAssembled')}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {(r.pack?.sections ?? []).map((s) => (
              <Section key={s.key} s={s} />
            ))}
          </SimpleGrid>
          <Decisions key={r.rowVersion} review={r} />
          <Actions review={r} canFollowUp={followUp} />
        </>
      )}
    </Stack>
  );
}

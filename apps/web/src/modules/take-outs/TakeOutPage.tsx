import { Button, Group, Loader, Paper, SegmentedControl, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { useTakeOut, useTakeOutAction, type TakeOut } from './api';
import { StateBadge } from './badges';

/** The approval chain and what followed, oldest first. */
function History({ t: to }: { t: TakeOut }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  const current = to.currentStep ?? -1;
  return (
    <Timeline active={to.steps.filter((s) => s.decision).length} bulletSize={16} lineWidth={2} data-testid="take-out-timeline">
      <Timeline.Item title={t('takeOuts.timeline.requested', { name: to.requester.name })}>
        <Text size="xs" c="dimmed">
          {when(to.createdAt)}
        </Text>
      </Timeline.Item>
      {to.steps.map((s) => (
        <Timeline.Item key={s.position} title={t(`takeOuts.approver.${s.approver}`)} data-testid="take-out-step">
          {s.decision ? (
            <>
              <Text size="sm" c={s.decision === 'rejected' ? 'red.9' : undefined}>
                {t(`takeOuts.decision.${s.decision}`, { name: s.decidedBy?.name ?? '' })}
              </Text>
              {s.comment && <Text size="sm">「{s.comment}」</Text>}
              <Text size="xs" c="dimmed">
                {when(s.decidedAt)}
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {s.position === current
                ? t('takeOuts.timeline.waiting', { names: s.approvers.map((a) => a.name).join(', ') || '—' })
                : t('takeOuts.timeline.later')}
            </Text>
          )}
        </Timeline.Item>
      ))}
      {!to.steps.length && to.status !== 'pending' && <Timeline.Item title={t('takeOuts.rule.allowed')} />}
      {to.closedAt && (
        <Timeline.Item title={t(`takeOuts.state.${to.status}`)}>
          <Text size="sm">{to.closedBy?.name}</Text>
          {to.closeComment && <Text size="sm">「{to.closeComment}」</Text>}
          <Text size="xs" c="dimmed">
            {when(to.closedAt)}
          </Text>
        </Timeline.Item>
      )}
    </Timeline>
  );
}

function DecidePanel({ to }: { to: TakeOut }) {
  const { t } = useTranslation();
  const act = useTakeOutAction(to.id);
  const [comment, setComment] = useState('');
  const decide = (decision: 'approve' | 'reject') =>
    act.mutate(
      { action: 'decide', body: { step: to.currentStep, decision, comment } },
      { onSuccess: () => notifySuccess(t(decision === 'approve' ? 'takeOuts.decide.approved' : 'takeOuts.decide.rejected')) },
    );
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Title order={4}>{t('takeOuts.decide.title')}</Title>
        <Textarea
          label={t('takeOuts.decide.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={fieldError(act.error, 'comment')}
          data-testid="take-out-comment"
        />
        <ProblemAlert error={act.error} />
        <Group grow>
          <Button color="teal" onClick={() => decide('approve')} loading={act.isPending} data-testid="take-out-approve">
            {t('takeOuts.decide.approve')}
          </Button>
          <Button
            color="red"
            variant="outline"
            onClick={() => decide('reject')}
            loading={act.isPending}
            data-testid="take-out-reject"
          >
            {t('takeOuts.decide.reject')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ClosePanel({ to }: { to: TakeOut }) {
  const { t } = useTranslation();
  const act = useTakeOutAction(to.id);
  const [outcome, setOutcome] = useState<'returned' | 'disposed'>('returned');
  const [comment, setComment] = useState('');
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Title order={4}>{t('takeOuts.close.title')}</Title>
        <SegmentedControl
          value={outcome}
          onChange={(v) => setOutcome(v as 'returned' | 'disposed')}
          data={[
            { value: 'returned', label: t('takeOuts.state.returned') },
            { value: 'disposed', label: t('takeOuts.state.disposed') },
          ]}
        />
        <Textarea label={t('takeOuts.decide.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        <ProblemAlert error={act.error} />
        <Button
          onClick={() => act.mutate({ action: 'return', body: { outcome, comment } })}
          loading={act.isPending}
          data-testid="take-out-close"
        >
          {t('takeOuts.close.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** One take-out: what, why, where, when, how protected; the approval timeline; the decision for its approver. */
export function TakeOutPage() {
  const { id } = useParams({ from: '/app/take-outs/$id' });
  const { t, i18n } = useTranslation();
  const q = useTakeOut(id);
  const cancel = useTakeOutAction(id);
  if (q.isLoading) return <Loader />;
  if (!q.data) return <ProblemAlert error={q.error} />;
  const to = q.data;
  const row = (label: string, value: React.ReactNode) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={110} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Stack maw={760}>
      <Group justify="space-between">
        <Title order={2}>{t('takeOuts.detail.title')}</Title>
        <StateBadge state={to.state} />
      </Group>
      <Paper withBorder p="sm">
        <Stack gap={6}>
          {row(
            t('takeOuts.field.assets'),
            to.items
              .map(
                (i) =>
                  `${i.name}(${i18n.language === 'ja' ? i.className.ja : i.className.en}${i.copy ? ` · ${t('takeOuts.field.copy')}` : ''})`,
              )
              .join(' / '),
          )}
          {row(t('takeOuts.field.requester'), `${to.requester.name} · ${i18n.language === 'ja' ? to.unit.ja : to.unit.en}`)}
          {row(t('takeOuts.field.purpose'), to.purpose)}
          {row(t('takeOuts.field.destination'), to.destination)}
          {row(t('takeOuts.field.period'), `${to.periodFrom} – ${to.periodTo}`)}
          {row(t('takeOuts.field.medium'), t(`takeOuts.medium.${to.medium}`) + (to.mediumNote ? ` (${to.mediumNote})` : ''))}
          {row(t('takeOuts.field.encrypted'), to.encrypted ? `${t('takeOuts.yes')} · ${to.encryptionMethod}` : t('takeOuts.no'))}
        </Stack>
      </Paper>
      {to.can.decide && <DecidePanel to={to} />}
      {to.can.close && <ClosePanel to={to} />}
      {to.can.cancel && (
        <Group>
          <Button
            variant="default"
            onClick={() => cancel.mutate({ action: 'cancel' })}
            loading={cancel.isPending}
            data-testid="take-out-cancel"
          >
            {t('takeOuts.cancel')}
          </Button>
          <ProblemAlert error={cancel.error} />
        </Group>
      )}
      <Title order={3}>{t('takeOuts.timeline.title')}</Title>
      <History t={to} />
    </Stack>
  );
}

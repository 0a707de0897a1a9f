import { Button, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, useLocalName } from '../../components/names';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { useBringIn, useBringInAction } from './api';
import { BringInStateBadge } from './parts';

/** One bring-in: who brings what into which zone, when; the owner's decision (big buttons: decided on a phone). */
export function BringInPage() {
  const { id } = useParams({ from: '/app/bring-ins/$id' });
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const q = useBringIn(id);
  const act = useBringInAction(id);
  const [comment, setComment] = useState('');
  if (q.isLoading) return <Loader />;
  if (!q.data) return <ProblemAlert error={q.error} />;
  const b = q.data;
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
  const decide = (decision: 'approve' | 'reject') =>
    act.mutate(
      { action: 'decide', body: { decision, comment } },
      {
        onSuccess: () => notifySuccess(t(decision === 'approve' ? 'zonePages.bringIns.approved' : 'zonePages.bringIns.rejected')),
      },
    );
  return (
    <Stack maw={640}>
      <Group justify="space-between">
        <Title order={2}>{t('zonePages.bringIns.detail')}</Title>
        <BringInStateBadge state={b.state} />
      </Group>
      <Paper withBorder p="sm">
        <Stack gap={6}>
          {row(t('zonePages.bringIns.zone'), name({ nameJa: b.zoneNameJa, nameEn: b.zoneNameEn }))}
          {row(
            t('zonePages.bringIns.bringerName'),
            `${b.bringerName}${b.bringerCompany ? ` (${b.bringerCompany})` : ''} — ${t(`zonePages.bringer.${b.bringerKind}`)}`,
          )}
          {row(t('zonePages.bringIns.device'), `${t(`zonePages.device.${b.device}`)}${b.deviceNote ? ` — ${b.deviceNote}` : ''}`)}
          {row(t('zonePages.bringIns.purpose'), b.purpose)}
          {row(t('zonePages.bringIns.period'), `${b.periodFrom} – ${b.periodTo}`)}
          {row(t('zonePages.bringIns.requester'), `${b.requesterName} · ${formatDateTime(b.createdAt, i18n.language)}`)}
          {b.decidedByName &&
            row(t('zonePages.bringIns.decidedBy'), `${b.decidedByName} · ${formatDateTime(b.decidedAt, i18n.language)}`)}
          {b.comment && row(t('zonePages.bringIns.comment'), b.comment)}
        </Stack>
      </Paper>
      <Text size="xs" c="dimmed">
        {t('zonePages.bringIns.rules')}
      </Text>
      {b.can.decide && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Title order={4}>{t('zonePages.bringIns.decide')}</Title>
            <Textarea
              label={t('zonePages.bringIns.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              error={fieldError(act.error, 'comment')}
            />
            <ProblemAlert error={act.error} />
            <Group grow>
              <Button
                size="md"
                color="teal"
                onClick={() => decide('approve')}
                loading={act.isPending}
                data-testid="bring-in-approve"
              >
                {t('zonePages.bringIns.approve')}
              </Button>
              <Button
                size="md"
                color="red"
                variant="outline"
                onClick={() => decide('reject')}
                loading={act.isPending}
                data-testid="bring-in-reject"
              >
                {t('zonePages.bringIns.reject')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {b.can.cancel && (
        <Button variant="subtle" color="gray" onClick={() => act.mutate({ action: 'cancel' })} loading={act.isPending}>
          {t('zonePages.bringIns.cancel')}
        </Button>
      )}
    </Stack>
  );
}

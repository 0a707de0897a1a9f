import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { post, type ReopenRequest, usePartnerMutation } from './api';

/**
 * The office decides a partner's pending reopen request: approve (the sheet goes back to the partner, with an
 * optional comment) or refuse (a reason is required, and the partner sees it).
 */
export function ReopenDecision({ request }: { request: ReopenRequest }) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const decide = usePartnerMutation((verb: 'approve' | 'refuse') =>
    post<ReopenRequest>(
      `/partner-reopen-requests/${request.id}/${verb}`,
      verb === 'approve' ? { comment: note } : { reason: note },
    ),
  );
  const done = (verb: 'approve' | 'refuse') => {
    const approving = verb === 'approve';
    decide.mutate(verb, {
      onSuccess: () => notifySuccess(t(approving ? 'partners.reopen.approvedDone' : 'partners.reopen.refusedDone')),
    });
  };
  return (
    <Card withBorder bg="var(--mantine-color-orange-light)" data-testid="reopen-decision-card">
      <Stack gap="xs">
        <Title order={5}>{t('partners.reopen.pendingTitle')}</Title>
        <Text size="sm">
          {t('partners.reopen.asked', {
            when: formatDateTime(request.requestedAt, i18n.language),
            who: request.requestedByName ?? '—',
          })}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="reopen-pending-reason">
          {request.reason}
        </Text>
        <Textarea
          label={t('partners.reopen.decisionNote')}
          description={t('partners.reopen.decisionNoteHelp')}
          autosize
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="reopen-decision-note"
        />
        <ProblemAlert error={decide.error} />
        <Group>
          <Button color="orange" loading={decide.isPending} onClick={() => done('approve')} data-testid="reopen-approve">
            {t('partners.reopen.approve')}
          </Button>
          <Button
            color="red"
            variant="light"
            disabled={!note.trim()}
            loading={decide.isPending}
            onClick={() => done('refuse')}
            data-testid="reopen-refuse"
          >
            {t('partners.reopen.refuse')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

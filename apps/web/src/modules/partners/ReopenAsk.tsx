import { Button, Card, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { type Assessment, post, type ReopenRequest, usePartnerMutation } from './api';
import { ReopenRequestList } from './ReopenRequests';

/**
 * The partner's side of reopening: its requests and their outcome, and — for a submitted sheet with nothing
 * pending — the form to ask the security office, with the reason.
 */
export function ReopenAsk({ a, canAsk }: { a: Assessment; canAsk: boolean }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const ask = usePartnerMutation(() => post<ReopenRequest>(`/partner-assessments/${a.id}/reopen-requests`, { reason }));
  const pending = a.reopenRequests.some((r) => r.status === 'pending');
  const open = canAsk && a.status === 'submitted' && !pending;
  if (!open && a.reopenRequests.length === 0) return null;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={5}>{t('partners.reopen.title')}</Title>
        {pending && (
          <Text size="sm" c="orange.9" data-testid="reopen-pending-note">
            {t('partners.reopen.pendingNote')}
          </Text>
        )}
        <ReopenRequestList requests={a.reopenRequests} />
        {open && (
          <>
            <Text size="sm" c="dimmed">
              {t('partners.reopen.askHelp')}
            </Text>
            <Textarea
              label={t('partners.reopen.reason')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="reopen-ask-reason"
            />
            <ProblemAlert error={ask.error} />
            <Button
              w="fit-content"
              disabled={!reason.trim()}
              loading={ask.isPending}
              onClick={() =>
                ask.mutate(undefined, {
                  onSuccess: () => {
                    setReason('');
                    notifySuccess(t('partners.reopen.askedDone'));
                  },
                })
              }
              data-testid="reopen-ask-submit"
            >
              {t('partners.reopen.ask')}
            </Button>
          </>
        )}
      </Stack>
    </Card>
  );
}

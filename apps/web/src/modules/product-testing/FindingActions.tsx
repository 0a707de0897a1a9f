import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { useMe } from '../auth/api';
import { findingAction, type TestFinding, useTestingMutation } from './api';
import { DateField } from '../../components/dates/DateField';

type Mode = 'retest' | 'accept' | 'decide' | null;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * What a tester does with one finding: record a retest (by the method that found it: the server refuses another),
 * ask for the risk to be accepted until a date, or — someone other than the one who asked — approve or reject it.
 */
export function FindingActions({ finding }: { finding: TestFinding }) {
  const { t } = useTranslation();
  const me = useMe();
  const [mode, setMode] = useState<Mode>(null);
  const [date, setDate] = useState(today());
  const [outcome, setOutcome] = useState<'fixed' | 'still_present'>('fixed');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const act = useTestingMutation((b: { action: string; body: unknown }) =>
    findingAction<TestFinding>(finding.id, b.action, b.body, finding.rowVersion),
  );
  const done = (message: string) => ({
    onSuccess: () => {
      notifySuccess(message);
      setMode(null);
    },
  });
  const retestable = ['open', 'fixed_pending_retest', 'closed'].includes(finding.status);
  const acceptable = ['open', 'fixed_pending_retest'].includes(finding.status);
  const decidable = finding.status === 'acceptance_requested' && finding.acceptanceRequestedBy !== me.data?.user.email;
  const close = () => {
    setMode(null);
    act.reset();
  };
  return (
    <>
      <Group gap={4} wrap="nowrap">
        {retestable && (
          <Button size="compact-xs" variant="light" onClick={() => setMode('retest')} data-testid="finding-retest">
            {t('testing.actions.retest')}
          </Button>
        )}
        {acceptable && (
          <Button size="compact-xs" variant="light" color="grape" onClick={() => setMode('accept')} data-testid="finding-accept">
            {t('testing.actions.accept')}
          </Button>
        )}
        {decidable && (
          <Button size="compact-xs" color="grape" onClick={() => setMode('decide')} data-testid="finding-decide">
            {t('testing.actions.decide')}
          </Button>
        )}
      </Group>
      <Modal
        opened={mode !== null}
        onClose={close}
        title={mode ? t(`testing.actions.${mode}Title`) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack data-testid={`finding-${mode ?? 'none'}-dialog`}>
          <Text size="sm">
            {finding.ruleId}: {finding.message}
          </Text>
          {mode === 'retest' && (
            <>
              <Text size="sm" c="dimmed">
                {t('testing.actions.retestMethod', { method: t(`testing.method.${finding.method}`) })}
              </Text>
              <DateField label={t('testing.fields.performedOn')} value={date} onChange={(v) => setDate(v)} />
              <SegmentedControl
                value={outcome}
                onChange={(v) => setOutcome(v as typeof outcome)}
                data={[
                  { value: 'fixed', label: t('testing.actions.fixed') },
                  { value: 'still_present', label: t('testing.actions.stillPresent') },
                ]}
              />
              <Button
                loading={act.isPending}
                onClick={() =>
                  act.mutate(
                    { action: 'retest', body: { method: finding.method, performedOn: date, outcome } },
                    done(t('testing.actions.retested')),
                  )
                }
                data-testid="finding-retest-confirm"
              >
                {t('testing.actions.retest')}
              </Button>
            </>
          )}
          {mode === 'accept' && (
            <>
              <Textarea
                label={t('testing.fields.reason')}
                required
                autosize
                minRows={3}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={fieldError(act.error, 'reason')}
                data-testid="finding-accept-reason"
              />
              <DateField
                required
                label={t('testing.fields.acceptedUntil')}
                value={until}
                onChange={(v) => setUntil(v)}
                error={fieldError(act.error, 'acceptedUntil')}
                data-testid="finding-accept-until"
              />
              <Text size="xs" c="dimmed">
                {t('testing.actions.acceptHelp')}
              </Text>
              <Button
                color="grape"
                loading={act.isPending}
                onClick={() =>
                  act.mutate({ action: 'acceptance', body: { reason, acceptedUntil: until } }, done(t('testing.actions.asked')))
                }
                data-testid="finding-accept-confirm"
              >
                {t('testing.actions.ask')}
              </Button>
            </>
          )}
          {mode === 'decide' && (
            <>
              <Text size="sm">
                {t('testing.findings.acceptance', {
                  reason: finding.acceptanceReason ?? '',
                  until: finding.acceptedUntil ?? '',
                  by: finding.acceptanceRequestedBy ?? '',
                })}
              </Text>
              <Group justify="flex-end">
                <Button
                  variant="default"
                  loading={act.isPending}
                  onClick={() =>
                    act.mutate(
                      { action: 'acceptance/decision', body: { decision: 'reject' } },
                      done(t('testing.actions.rejected')),
                    )
                  }
                  data-testid="finding-reject"
                >
                  {t('testing.actions.reject')}
                </Button>
                <Button
                  color="grape"
                  loading={act.isPending}
                  onClick={() =>
                    act.mutate(
                      { action: 'acceptance/decision', body: { decision: 'approve' } },
                      done(t('testing.actions.approved')),
                    )
                  }
                  data-testid="finding-approve"
                >
                  {t('testing.actions.approve')}
                </Button>
              </Group>
            </>
          )}
          <ProblemAlert error={act.error} />
        </Stack>
      </Modal>
    </>
  );
}

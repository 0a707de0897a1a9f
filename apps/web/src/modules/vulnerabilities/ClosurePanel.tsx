import { Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { ROOT_CAUSE_PHASES } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, notifySuccess } from '../../components/problem';
import { Refusal } from '../incidents/Refusal';
import { useUpdateCase, type VulnerabilityDetail } from './api';

type Phase = (typeof ROOT_CAUSE_PHASES)[number];

/**
 * Recurrence prevention: where in the development process the flaw came in and which check was added so it does
 * not recur. The server closes a case only with both.
 */
export function ClosurePanel({ vulnerability: c, canManage }: { vulnerability: VulnerabilityDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const save = useUpdateCase(c.id, c.rowVersion);
  const [phase, setPhase] = useState<Phase | null>(c.rootCausePhase);
  const [rootCause, setRootCause] = useState(c.rootCause ?? '');
  const [checkAdded, setCheckAdded] = useState(c.checkAdded ?? '');
  const closed = c.status === 'closed';
  const fields = { rootCausePhase: phase, rootCause: rootCause.trim() || null, checkAdded: checkAdded.trim() || null };
  const dirty =
    fields.rootCausePhase !== c.rootCausePhase || fields.rootCause !== c.rootCause || fields.checkAdded !== c.checkAdded;
  const err = (f: string) => fieldError(save.error, f);
  return (
    <Paper withBorder p="md" data-testid="vulnerability-closure">
      <Title order={4} mb="xs">
        {t('psirtCases.closure.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('psirtCases.closure.help')}
      </Text>
      <Stack>
        <Select
          label={t('psirtCases.closure.phase')}
          disabled={!canManage}
          clearable
          data={ROOT_CAUSE_PHASES.map((p) => ({ value: p, label: t(`psirtCases.phase.${p}`) }))}
          value={phase}
          onChange={(v) => setPhase(v as Phase | null)}
          error={err('rootCausePhase')}
          data-testid="closure-phase"
          w={320}
        />
        <Textarea
          label={t('psirtCases.closure.rootCause')}
          placeholder={t('psirtCases.closure.rootCausePlaceholder')}
          disabled={!canManage}
          value={rootCause}
          onChange={(e) => setRootCause(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={5000}
          error={err('rootCause')}
          data-testid="closure-root-cause"
        />
        <Textarea
          label={t('psirtCases.closure.checkAdded')}
          placeholder={t('psirtCases.closure.checkAddedPlaceholder')}
          disabled={!canManage}
          value={checkAdded}
          onChange={(e) => setCheckAdded(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={5000}
          error={err('checkAdded')}
          data-testid="closure-check-added"
        />
        <Refusal error={save.error} testId="closure-problem" />
        {canManage && (
          <Group>
            <Button
              variant={closed ? 'filled' : 'default'}
              disabled={!dirty}
              loading={save.isPending && save.variables?.status === undefined}
              onClick={() => save.mutate(fields, { onSuccess: () => notifySuccess(t('common.saved')) })}
              data-testid="closure-save"
            >
              {t('common.save')}
            </Button>
            {!closed && (
              <Button
                color="gray"
                loading={save.isPending && save.variables?.status === 'closed'}
                onClick={() =>
                  save.mutate({ ...fields, status: 'closed' }, { onSuccess: () => notifySuccess(t('psirtCases.closure.closed')) })
                }
                data-testid="closure-close"
              >
                {t('psirtCases.closure.close')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

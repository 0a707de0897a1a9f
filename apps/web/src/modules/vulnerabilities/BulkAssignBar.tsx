import { Alert, Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { AccountSelect } from '../accounts/AccountSelect';
import { useCaseMutation, type Vulnerability } from './api';

interface Props {
  ids: string[];
  /** the rows shown, to name a refused case by its number */
  rows: Vulnerability[];
  onDone: () => void;
}

/**
 * The list's bulk bar: assign the selected cases to one PSIRT member (or clear their assignee), all or none.
 * A refusal names each case it refused (`body.ids.<i>`); nothing is changed then and the selection stays.
 */
export function BulkAssignBar({ ids, rows, onDone }: Props) {
  const { t } = useTranslation();
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const assign = useCaseMutation((body: { ids: string[]; assigneeId: string | null }) =>
    api<{ assigned: number }>('/vulnerabilities/bulk-assign', { method: 'POST', json: body }),
  );
  const run = (to: string | null) =>
    assign.mutate(
      { ids, assigneeId: to },
      {
        onSuccess: (r) => {
          notifySuccess(t(to ? 'psirtBulk.assigned' : 'psirtBulk.cleared', { count: r.assigned }));
          setAssigneeId(null);
          onDone();
        },
      },
    );
  const numberOf = (i: number) => rows.find((r) => r.id === assign.variables?.ids[i])?.number ?? '?';
  const rowErrors =
    assign.error instanceof ApiError
      ? assign.error.errors.flatMap((e) => {
          const m = /^body\.ids\.(\d+)$/.exec(e.path);
          return m ? [{ number: numberOf(Number(m[1])), text: ApiError.errorText(e) }] : [];
        })
      : [];
  return (
    <Stack gap="xs" w="100%">
      <Group gap="sm" align="end">
        <AccountSelect
          label={t('psirtBulk.assignee')}
          value={assigneeId}
          onChange={setAssigneeId}
          testId="bulk-assignee"
          searchPath="/vulnerabilities/assignee-candidates"
        />
        <Button onClick={() => run(assigneeId)} disabled={!assigneeId} loading={assign.isPending} data-testid="bulk-assign">
          {t('psirtBulk.assign')}
        </Button>
        <Button variant="default" onClick={() => run(null)} loading={assign.isPending} data-testid="bulk-unassign">
          {t('psirtBulk.unassign')}
        </Button>
      </Group>
      {rowErrors.length > 0 ? (
        <Alert color="red" title={t('psirtBulk.refused')} data-testid="bulk-errors">
          <ul>
            {rowErrors.map((e, i) => (
              <li key={i}>{t('psirtBulk.row', e)}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <ProblemAlert error={assign.error} testId="bulk-problem" />
      )}
    </Stack>
  );
}

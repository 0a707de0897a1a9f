import { Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { useTasks } from './api';

export type TaskDecision = { taskId: string; decision: 'done' | 'not_needed'; reason?: string };

/**
 * Closing a case with open tasks asks for a decision on each: done, or not needed with a reason. The server
 * refuses the closing while one is undecided, naming it.
 */
export function CloseDecisions({
  incidentId,
  value,
  onChange,
}: {
  incidentId: string;
  value: Record<string, TaskDecision>;
  onChange: (v: Record<string, TaskDecision>) => void;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const open = (useTasks(incidentId).data ?? []).filter((x) => !x.doneAt);
  if (!open.length) return null;
  const set = (taskId: string, d: Partial<TaskDecision>) =>
    onChange({ ...value, [taskId]: { taskId, decision: 'done', ...value[taskId], ...d } });
  return (
    <Paper withBorder p="sm" data-testid="close-decisions">
      <Text size="sm" fw={600} mb="xs">
        {t('incidents.close.openTasks', { count: open.length })}
      </Text>
      <Stack gap="xs">
        {open.map((task) => {
          const d = value[task.id];
          const title = localName({ nameJa: task.titleJa, nameEn: task.titleEn });
          return (
            <Stack key={task.id} gap={4} data-testid="close-task">
              <Text size="sm">{title}</Text>
              <SegmentedControl
                size="xs"
                aria-label={title}
                value={d?.decision ?? ''}
                onChange={(v) => set(task.id, { decision: v as TaskDecision['decision'] })}
                data={[
                  { value: 'done', label: t('incidents.close.done') },
                  { value: 'not_needed', label: t('incidents.close.notNeeded') },
                ]}
                data-testid="close-task-decision"
              />
              {d?.decision === 'not_needed' && (
                <TextInput
                  size="xs"
                  label={t('incidents.close.reason')}
                  value={d.reason ?? ''}
                  onChange={(e) => set(task.id, { reason: e.currentTarget.value })}
                  data-testid="close-task-reason"
                />
              )}
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}

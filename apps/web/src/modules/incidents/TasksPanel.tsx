import { Button, Checkbox, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { INCIDENT_STEPS } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { AccountSelect } from '../accounts/AccountSelect';
import { type Task, useCaseMutation, useTasks } from './api';
import { pick, STEP_NAMES } from './catalog';
import { fromLocalInput } from './time';
import { DateTimeField } from '../../components/dates/DateField';

interface Props {
  incidentId: string;
  canManage: boolean;
  canContribute: boolean;
}

/** The tasks of each step of 4-2 (from the type's template, plus the office's own), with owner, due date and done. */
export function TasksPanel({ incidentId, canManage, canContribute }: Props) {
  const { t, i18n } = useTranslation();
  const tasks = useTasks(incidentId);
  const update = useCaseMutation(incidentId, ({ id, ...body }: { id: string; done?: boolean; ownerId?: string | null }) =>
    api<Task>(`/incidents/${incidentId}/tasks/${id}`, { method: 'PATCH', json: body }),
  );
  const title = (x: Task) => (i18n.language === 'ja' ? x.titleJa || x.titleEn : x.titleEn || x.titleJa);
  return (
    <Paper withBorder p="md" data-testid="incident-tasks">
      <Title order={4} mb="sm">
        {t('incidents.tasks.title')}
      </Title>
      <ProblemAlert error={tasks.error ?? update.error} />
      <Stack>
        {INCIDENT_STEPS.map((step) => {
          const list = tasks.data?.filter((x) => x.step === step) ?? [];
          if (list.length === 0) return null;
          return (
            <Stack key={step} gap={4} data-testid={`tasks-${step}`}>
              <Text fw={600} size="sm">
                {pick(STEP_NAMES, step, i18n.language)}
              </Text>
              {list.map((x) => (
                <Group key={x.id} gap="sm" wrap="nowrap" data-testid="task">
                  <Checkbox
                    checked={!!x.doneAt}
                    disabled={!canContribute}
                    onChange={(e) => update.mutate({ id: x.id, done: e.currentTarget.checked })}
                    label={title(x)}
                    data-testid="task-done"
                  />
                  <Text size="xs" c="dimmed">
                    {x.owner ? x.owner.name : t('incidents.tasks.noOwner')}
                    {x.dueAt ? ` · ${t('incidents.tasks.due')} ${formatDateTime(x.dueAt, i18n.language)}` : ''}
                  </Text>
                </Group>
              ))}
            </Stack>
          );
        })}
      </Stack>
      {canManage && <NewTask incidentId={incidentId} />}
    </Paper>
  );
}

function NewTask({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState<string>('initial_response');
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [dueAt, setDueAt] = useState('');
  const create = useCaseMutation(incidentId, (body: object) =>
    api<Task>(`/incidents/${incidentId}/tasks`, { method: 'POST', json: body }),
  );
  const submit = () =>
    create.mutate(
      { step, title, ownerId, dueAt: fromLocalInput(dueAt) },
      {
        onSuccess: () => {
          setTitle('');
          setDueAt('');
        },
      },
    );
  return (
    <Stack mt="md" gap="xs" data-testid="task-form">
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('incidents.tasks.step')}
          allowDeselect={false}
          data={INCIDENT_STEPS.map((s) => ({ value: s, label: pick(STEP_NAMES, s, i18n.language) }))}
          value={step}
          onChange={(v) => setStep(v ?? step)}
          w={260}
        />
        <TextInput
          label={t('incidents.tasks.newTitle')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          data-testid="task-title"
          style={{ flex: '1 1 200px' }}
        />
        <AccountSelect
          label={t('incidents.tasks.owner')}
          value={ownerId}
          onChange={setOwnerId}
          searchPath={`/incidents/${incidentId}/member-candidates`}
        />
        <DateTimeField label={t('incidents.tasks.due')} value={dueAt} onChange={(v) => setDueAt(v)} />
        <Button onClick={submit} disabled={!title.trim()} loading={create.isPending} data-testid="task-add">
          {t('incidents.tasks.add')}
        </Button>
      </Group>
      <ProblemAlert error={create.error} />
    </Stack>
  );
}

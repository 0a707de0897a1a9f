import { Badge, Button, Checkbox, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { TASK_KINDS } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useLocalName } from '../../components/names';
import { fieldError, ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { type CreateTaskBody, type Task, type UpdateTaskBody, useCaseMutation, type VulnerabilityDetail } from './api';
import { DateField } from '../../components/dates/DateField';

const today = () => new Date().toLocaleDateString('sv-SE'); // yyyy-mm-dd, local

/** Remediation tasks given to the product divisions (fix, countermeasure, verification, disclosure): owner, due, done. */
export function TasksPanel({ vulnerability: c, canManage }: { vulnerability: VulnerabilityDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const update = useCaseMutation(({ id, ...body }: UpdateTaskBody & { id: string }) =>
    api<Task>(`/vulnerabilities/${c.id}/tasks/${id}`, { method: 'PATCH', json: body }),
  );
  return (
    <Paper withBorder p="md" data-testid="vulnerability-tasks">
      <Title order={4} mb="sm">
        {t('psirtCases.tasks.title')}
      </Title>
      <Stack>
        {c.tasks.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('psirtCases.tasks.none')}
          </Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('psirtCases.tasks.done')}</Table.Th>
                <Table.Th>{t('psirtCases.tasks.kind')}</Table.Th>
                <Table.Th>{t('psirtCases.tasks.task')}</Table.Th>
                <Table.Th>{t('psirtCases.tasks.owner')}</Table.Th>
                <Table.Th>{t('psirtCases.tasks.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.tasks.map((x) => {
                const overdue = !x.done && x.dueOn !== null && x.dueOn < today();
                return (
                  <Table.Tr key={x.id} data-testid="vulnerability-task" data-done={x.done}>
                    <Table.Td>
                      <Checkbox
                        checked={x.done}
                        disabled={!canManage || update.isPending}
                        onChange={(e) => update.mutate({ id: x.id, done: e.currentTarget.checked })}
                        aria-label={t('psirtCases.tasks.done')}
                        data-testid="task-done"
                      />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge variant="light">{t(`psirtCases.taskKind.${x.kind}`)}</Badge>
                    </Table.Td>
                    <Table.Td>{x.title}</Table.Td>
                    <Table.Td>{x.owner ? `${x.owner.code} ${name(x.owner)}` : t('psirtCases.tasks.noOwner')}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 700 : undefined}>
                        {x.dueOn ?? '—'}
                        {overdue ? ` (${t('psirtCases.tasks.overdue')})` : ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <ProblemAlert error={update.error} />
        {canManage && <NewTask caseId={c.id} />}
      </Stack>
    </Paper>
  );
}

function NewTask({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CreateTaskBody['kind']>('fix');
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState('');
  const create = useCaseMutation((body: CreateTaskBody) =>
    api<Task>(`/vulnerabilities/${caseId}/tasks`, { method: 'POST', json: body }),
  );
  const submit = () =>
    create.mutate(
      { kind, title: title.trim(), ownerOrgUnitId: owner, dueOn: dueOn || null },
      {
        onSuccess: () => {
          setTitle('');
          setDueOn('');
        },
      },
    );
  return (
    <Stack gap="xs" data-testid="task-form">
      <Group align="flex-start" wrap="wrap">
        <Select
          label={t('psirtCases.tasks.kind')}
          allowDeselect={false}
          data={TASK_KINDS.map((k) => ({ value: k, label: t(`psirtCases.taskKind.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as CreateTaskBody['kind'])}
          data-testid="task-kind"
          w={170}
        />
        <TextInput
          label={t('psirtCases.tasks.task')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={300}
          error={fieldError(create.error, 'title')}
          data-testid="task-title"
          style={{ flex: '1 1 240px' }}
        />
        <OrgUnitSelect
          label={t('psirtCases.tasks.owner')}
          clearable
          value={owner}
          onChange={setOwner}
          error={fieldError(create.error, 'ownerOrgUnitId')}
          testId="task-owner"
        />
        <DateField
          label={t('psirtCases.tasks.due')}
          value={dueOn}
          onChange={(v) => setDueOn(v)}
          error={fieldError(create.error, 'dueOn')}
          data-testid="task-due"
        />
      </Group>
      <Group>
        <Button onClick={submit} disabled={!title.trim()} loading={create.isPending} data-testid="task-add">
          {t('psirtCases.tasks.add')}
        </Button>
      </Group>
      <ProblemAlert error={create.error} />
    </Stack>
  );
}

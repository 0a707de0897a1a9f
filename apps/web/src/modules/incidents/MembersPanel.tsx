import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { AccountSelect } from '../accounts/AccountSelect';
import { useCaseMutation, useMembers } from './api';

/** The people working the case besides the office (need-to-know: only they, the reporter and the office see it). */
export function MembersPanel({ incidentId, canManage }: { incidentId: string; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const members = useMembers(incidentId);
  const [userId, setUserId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const add = useCaseMutation(incidentId, (body: object) =>
    api(`/incidents/${incidentId}/members`, { method: 'POST', json: body }),
  );
  const remove = useCaseMutation(incidentId, (id: string) => api(`/incidents/${incidentId}/members/${id}`, { method: 'DELETE' }));
  return (
    <Paper withBorder p="md" data-testid="incident-members">
      <Title order={4} mb="sm">
        {t('incidents.members.title')}
      </Title>
      <ProblemAlert error={members.error ?? remove.error} />
      {members.data?.length === 0 && <Text c="dimmed">{t('incidents.members.none')}</Text>}
      {!!members.data?.length && (
        <Table>
          <Table.Tbody>
            {members.data.map((m) => (
              <Table.Tr key={m.userId} data-testid="member">
                <Table.Td>
                  {m.name} &lt;{m.email}&gt;
                </Table.Td>
                <Table.Td>{m.note}</Table.Td>
                <Table.Td>{formatDateTime(m.addedAt, i18n.language)}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button size="compact-xs" color="red" variant="subtle" onClick={() => remove.mutate(m.userId)}>
                      {t('incidents.members.remove')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canManage && (
        <Stack gap="xs" mt="sm">
          <Group align="flex-end" wrap="wrap">
            <AccountSelect
              label={t('incidents.members.add')}
              value={userId}
              onChange={setUserId}
              testId="member-user"
              searchPath={`/incidents/${incidentId}/member-candidates`}
            />
            <TextInput label={t('incidents.members.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Button
              disabled={!userId}
              loading={add.isPending}
              onClick={() => add.mutate({ userId, note }, { onSuccess: () => setUserId(null) })}
              data-testid="member-add"
            >
              {t('incidents.members.addButton')}
            </Button>
          </Group>
          <ProblemAlert error={add.error} />
        </Stack>
      )}
    </Paper>
  );
}

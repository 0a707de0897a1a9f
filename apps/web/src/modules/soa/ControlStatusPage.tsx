import { Anchor, Button, Card, Group, MultiSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { Table } from '../../components/Table';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { createStatusRequest, useControls, useStatusMutation, useStatusRequests } from './api';
import { DateField } from '../../components/dates/DateField';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Control-status requests (管理施策の実施状況確認): the office asks units in its scope; everyone sees their part. */
export function ControlStatusPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const canAsk = useCan('soa:manage');
  const requests = useStatusRequests();
  const controls = useControls();
  const [title, setTitle] = useState('');
  const [controlIds, setControlIds] = useState<string[]>([]);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState(inDays(30));
  const create = useStatusMutation(() => createStatusRequest({ title, controlIds, unitIds: unitId ? [unitId] : [], dueDate }));
  return (
    <Stack>
      <Title order={2}>{t('controlStatus.title')}</Title>
      {canAsk && (
        <Card withBorder>
          <Stack>
            <Title order={4}>{t('controlStatus.ask')}</Title>
            <TextInput label={t('controlStatus.name')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
            <MultiSelect
              label={t('controlStatus.controls')}
              searchable
              data={(controls.data ?? []).map((c) => ({ value: c.id, label: `${c.id} ${c.title[lang]}` }))}
              value={controlIds}
              onChange={setControlIds}
            />
            <Group grow align="flex-end">
              <OrgUnitSelect label={t('controlStatus.units')} value={unitId} onChange={setUnitId} />
              <DateField label={t('controlStatus.due')} value={dueDate} onChange={(v) => setDueDate(v)} />
            </Group>
            <ProblemAlert error={create.error} />
            <Group justify="flex-end">
              <Button
                disabled={!title.trim() || !controlIds.length || !unitId}
                loading={create.isPending}
                onClick={() =>
                  create.mutate(undefined, {
                    onSuccess: () => {
                      notifySuccess(t('controlStatus.sent'));
                      setTitle('');
                      setControlIds([]);
                    },
                  })
                }
              >
                {t('controlStatus.send')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      <ProblemAlert error={requests.error} />
      <Table striped data-testid="control-status-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('controlStatus.name')}</Table.Th>
            <Table.Th>{t('controlStatus.due')}</Table.Th>
            <Table.Th>{t('controlStatus.progress')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(requests.data ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/control-status/${r.id}`}>
                  {r.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{r.dueDate}</Table.Td>
              <Table.Td>{t('controlStatus.answeredOf', { answered: r.totals.answered, units: r.totals.units })}</Table.Td>
            </Table.Tr>
          ))}
          {requests.data?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3}>
                <Text>{t('controlStatus.none')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

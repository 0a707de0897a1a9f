import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from '../../components/Table';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useRequests } from './api';
import { NewRequestModal } from './NewRequestModal';

/** Data-subject requests (開示等請求) in the handler's scope, newest first, with the first clock's due time. */
export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState('open');
  const list = useRequests(status === 'all' ? '' : status);
  const [recording, setRecording] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('privacy.requests.title')}</Title>
        <Button onClick={() => setRecording(true)} data-testid="request-new">
          {t('privacy.requests.record')}
        </Button>
      </Group>
      <Text c="dimmed">{t('privacy.requests.intro')}</Text>
      <SegmentedControl
        w="fit-content"
        value={status}
        onChange={setStatus}
        data={[
          { value: 'open', label: t('privacy.requests.open') },
          { value: 'answered', label: t('privacy.status.answered') },
          { value: 'all', label: t('privacy.requests.all') },
        ]}
      />
      <ProblemAlert error={list.error} />
      <Table striped data-testid="requests-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('privacy.requests.reference')}</Table.Th>
            <Table.Th>{t('privacy.requests.type')}</Table.Th>
            <Table.Th>{t('privacy.requests.requester')}</Table.Th>
            <Table.Th>{t('privacy.requests.statusLabel')}</Table.Th>
            <Table.Th>{t('privacy.requests.due')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((r) => (
            <Table.Tr key={r.id} data-testid="request-row">
              <Table.Td>
                <Anchor component={Link} to={`/privacy/requests/${r.id}`}>
                  {r.reference}
                </Anchor>
              </Table.Td>
              <Table.Td>{t(`privacy.types.${r.type}`)}</Table.Td>
              <Table.Td>{r.requesterName}</Table.Td>
              <Table.Td>{t(`privacy.status.${r.status}`)}</Table.Td>
              <Table.Td>
                {r.dueAt ? formatDateTime(r.dueAt, i18n.language) : '—'}{' '}
                {r.overdue && <Badge color="red">{t('privacy.clock.overdue')}</Badge>}
              </Table.Td>
            </Table.Tr>
          ))}
          {list.data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed">{t('privacy.requests.none')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {recording && <NewRequestModal onClose={() => setRecording(false)} />}
    </Stack>
  );
}

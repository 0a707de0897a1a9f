import { Alert, Badge, Button, Code, CopyButton, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountRequest, ApprovedAccount } from '../../api/types';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { useAccountRequests, useDecideRequest } from './api';
import { RequestAccountForm } from './RequestAccountForm';

const STATUSES = ['pending', 'approved', 'rejected'] as const;

/** Account requests: anyone with accounts:request asks; accounts:approve approves (showing the activation URL) or rejects. */
export function RequestsTab() {
  const { t, i18n } = useTranslation();
  const canRequest = useCan('accounts:request');
  const canApprove = useCan('accounts:approve');
  const [status, setStatus] = useState<string | null>('pending');
  const requests = useAccountRequests(status ?? undefined, true);
  const decide = useDecideRequest();
  const [comment, setComment] = useState<Record<string, string>>({});
  const [approved, setApproved] = useState<ApprovedAccount | null>(null);

  const act = (r: AccountRequest, decision: 'approve' | 'reject') =>
    decide.mutate(
      { id: r.id, decision, comment: comment[r.id] || undefined },
      {
        onSuccess: (result) => {
          notifySuccess(t(decision === 'approve' ? 'requests.approved' : 'requests.rejected'));
          if (decision === 'approve' && result && 'activationUrl' in result) setApproved(result);
        },
      },
    );

  return (
    <Stack>
      {canRequest && <RequestAccountForm />}
      {approved && (
        <Alert color="green" title={t('requests.activationTitle')} withCloseButton onClose={() => setApproved(null)}>
          <Text size="sm" mb="xs">
            {t('requests.activationHelp')}
          </Text>
          <Group>
            <Code data-testid="activation-url">{new URL(approved.activationUrl, window.location.origin).href}</Code>
            <CopyButton value={new URL(approved.activationUrl, window.location.origin).href}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <Select
        label={t('requests.status')}
        clearable
        placeholder={t('common.all')}
        value={status}
        onChange={setStatus}
        data={STATUSES.map((s) => ({ value: s, label: t(`enum.requestStatus.${s}`) }))}
        w={200}
        data-testid="requests-status-filter"
      />
      <ProblemAlert error={requests.error ?? decide.error} />
      <Table data-testid="requests-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('requests.person')}</Table.Th>
            <Table.Th>{t('fields.email')}</Table.Th>
            <Table.Th>{t('requests.reason')}</Table.Th>
            <Table.Th>{t('requests.requestedBy')}</Table.Th>
            <Table.Th>{t('requests.status')}</Table.Th>
            {canApprove && <Table.Th>{t('requests.decision')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {requests.items.map((r) => (
            <Table.Tr key={r.id} data-testid={`request-${r.email}`}>
              <Table.Td>{r.personName}</Table.Td>
              <Table.Td>{r.email}</Table.Td>
              <Table.Td>{r.reason}</Table.Td>
              <Table.Td>
                {r.requestedBy}
                <Text size="xs" c="dimmed">
                  {formatDateTime(r.createdAt, i18n.language)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={r.status === 'approved' ? 'green' : r.status === 'rejected' ? 'red' : 'blue'}>
                  {t(`enum.requestStatus.${r.status}`)}
                </Badge>
                {r.decidedBy && (
                  <Text size="xs" c="dimmed">
                    {r.decidedBy}
                  </Text>
                )}
              </Table.Td>
              {canApprove && (
                <Table.Td>
                  {r.status === 'pending' && (
                    <Stack gap={4}>
                      <Textarea
                        size="xs"
                        aria-label={t('requests.comment')}
                        placeholder={t('requests.comment')}
                        autosize
                        value={comment[r.id] ?? ''}
                        onChange={(e) => setComment((c) => ({ ...c, [r.id]: e.currentTarget.value }))}
                      />
                      <Group gap={4}>
                        <Button
                          size="xs"
                          onClick={() => act(r, 'approve')}
                          loading={decide.isPending && decide.variables?.id === r.id}
                          data-testid="request-approve"
                        >
                          {t('requests.approve')}
                        </Button>
                        <Button
                          size="xs"
                          color="red"
                          variant="light"
                          onClick={() => act(r, 'reject')}
                          disabled={decide.isPending}
                          data-testid="request-reject"
                        >
                          {t('requests.reject')}
                        </Button>
                      </Group>
                    </Stack>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore
        shown={requests.items.length}
        total={requests.total}
        hasMore={requests.hasNextPage}
        loading={requests.isFetchingNextPage}
        onMore={requests.loadMore}
      />
    </Stack>
  );
}

import { Anchor, Card, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime, usePartnerName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useReopenRequests } from './api';

/** Partners’ reopen requests waiting for the office (newest first), each linked to its check sheet. */
export function PendingReopenRequests() {
  const { t, i18n } = useTranslation();
  const partnerName = usePartnerName();
  const list = useReopenRequests({ status: 'pending' });
  return (
    <Card withBorder data-testid="dash-reopen-requests">
      <Title order={4}>{t('partners.dashboard.reopenRequests')}</Title>
      <ProblemAlert error={list.error} />
      {list.isSuccess && list.items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('partners.dashboard.noReopenRequests')}
        </Text>
      )}
      {list.items.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('partners.fields.name')}</Table.Th>
              <Table.Th>{t('partners.fields.campaign')}</Table.Th>
              <Table.Th>{t('partners.reopen.reason')}</Table.Th>
              <Table.Th>{t('partners.dashboard.requestedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((r) => (
              <Table.Tr key={r.id} data-testid="dash-reopen-request">
                <Table.Td>
                  <Anchor component={Link} to={`/partner-assessments/${r.assessmentId}`} data-testid="dash-reopen-link">
                    {partnerName(r)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.campaignName}</Table.Td>
                <Table.Td>{r.reason}</Table.Td>
                <Table.Td>{formatDateTime(r.requestedAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Card>
  );
}

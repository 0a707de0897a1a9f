import { Badge, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { usePartnerIncidents } from './api';

/** The company's incident reports with the step the security office has reached on each. */
export function PortalReports() {
  const { t, i18n } = useTranslation();
  const list = usePartnerIncidents();
  return (
    <Stack gap="xs">
      <Title order={3}>{t('partners.report.history')}</Title>
      <ProblemAlert error={list.error} />
      {list.isSuccess && list.items.length === 0 ? (
        <Text c="dimmed">{t('partners.report.none')}</Text>
      ) : (
        <Table striped data-testid="partner-reports">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('partners.report.number')}</Table.Th>
              <Table.Th>{t('partners.report.kind')}</Table.Th>
              <Table.Th>{t('partners.report.reportedAt')}</Table.Th>
              <Table.Th>{t('partners.report.withinTime')}</Table.Th>
              <Table.Th>{t('partners.report.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.number}</Table.Td>
                <Table.Td>{t(`partners.report.kinds.${r.kind}`)}</Table.Td>
                <Table.Td>{formatDateTime(r.reportedAt, i18n.language)}</Table.Td>
                <Table.Td>{t(r.withinAgreedTime ? 'partners.report.inTime' : 'partners.report.late')}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={r.caseStatus === 'closed' ? 'gray' : 'blue'} data-testid="partner-report-status">
                    {t(`incidents.status.${r.caseStatus}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <LoadMore
        shown={list.items.length}
        total={list.total}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={list.loadMore}
      />
    </Stack>
  );
}

import { Anchor, Progress, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/problem';
import { useAssessments } from './api';
import { ScoreBadge, StatusBadge } from './badges';

/** A partner user's check sheets (their own company only: the server filters). */
export function PortalPage() {
  const { t } = useTranslation();
  const list = useAssessments({});
  return (
    <Stack>
      <Title order={2}>{t('partners.portal.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('partners.portal.intro')}
      </Text>
      <ProblemAlert error={list.error} />
      <Table striped data-testid="portal-assessments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('partners.fields.campaign')}</Table.Th>
            <Table.Th>{t('partners.fields.dueOn')}</Table.Th>
            <Table.Th>{t('partners.fields.status')}</Table.Th>
            <Table.Th>{t('partners.fields.score')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((a) => (
            <Table.Tr key={a.id} data-testid="portal-assessment-row" data-campaign={a.campaignName}>
              <Table.Td>
                <Anchor component={Link} to={`/portal/assessments/${a.id}`} data-testid="portal-assessment-link">
                  {a.campaignName}
                </Anchor>
              </Table.Td>
              <Table.Td>{a.dueOn}</Table.Td>
              <Table.Td>
                <StatusBadge status={a.status} kind="assessment" />
              </Table.Td>
              <Table.Td>
                {a.score === null ? (
                  <Progress value={0} w={80} aria-label={t('partners.fields.score')} />
                ) : (
                  <ScoreBadge score={a.score} passed={a.passed} />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Stack>
  );
}

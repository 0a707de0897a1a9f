import { Alert, Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { Table } from '../../components/Table';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PublicLayout } from '../../app/PublicLayout';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useAdvisories } from './api';
import { SeverityBadge } from './SeverityBadge';

/** Public list of the published security advisories (no sign-in). */
export function AdvisoriesPage() {
  const { t, i18n } = useTranslation();
  const list = useAdvisories();
  const ja = i18n.language === 'ja';
  return (
    <PublicLayout title={t('psirt.advisories.title')} width={960}>
      <Stack>
        <Text size="sm">{t('psirt.advisories.intro')}</Text>
        <ProblemAlert error={list.error} />
        {list.isPending ? (
          <Loader />
        ) : list.items.length === 0 ? (
          <Alert color="gray" data-testid="advisories-empty">
            {t('psirt.advisories.empty')}
          </Alert>
        ) : (
          <Table data-testid="advisories-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('psirt.advisories.trackingId')}</Table.Th>
                <Table.Th>{t('psirt.advisories.advisoryTitle')}</Table.Th>
                <Table.Th>{t('psirt.advisories.severity')}</Table.Th>
                <Table.Th>{t('psirt.advisories.cve')}</Table.Th>
                <Table.Th>{t('psirt.advisories.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {a.trackingId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/advisories/${encodeURIComponent(a.trackingId)}`}>
                      {ja ? a.titleJa : a.titleEn}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <SeverityBadge severity={a.severity} />
                  </Table.Td>
                  <Table.Td>{a.cveId ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(a.currentReleaseDate, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
        <Group>
          <Anchor component={Link} to="/security/report" data-testid="advisories-report-link">
            {t('psirt.report.title')}
          </Anchor>
          <Anchor href="/.well-known/csaf/provider-metadata.json">{t('psirt.advisories.csafProvider')}</Anchor>
        </Group>
      </Stack>
    </PublicLayout>
  );
}

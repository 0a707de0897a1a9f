import { Anchor, Card, Group, Loader, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { fiscalYearLabel } from '@mamori/contracts';
import { Table } from '../../components/Table';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { exportUrls, fmtScore, useDashboard } from './api';
import { PendingReopenRequests } from './PendingReopenRequests';

/** One figure; `href` downloads the list behind it as XLSX. */
function Figure({ label, value, testId, href }: { label: string; value: number; testId: string; href?: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Group justify="space-between" align="flex-end">
        <Text size="xl" fw={700} data-testid={testId}>
          {value}
        </Text>
        {href && (
          <Anchor href={href} size="xs" data-testid={`${testId}-export`}>
            {t('partners.dashboard.xlsx')}
          </Anchor>
        )}
      </Group>
    </Card>
  );
}

/** The programme at a glance: score distribution, trend by fiscal year, what is overdue or missing. Tables and bars only. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const d = useDashboard();
  const urls = exportUrls(i18n.language === 'ja' ? 'ja' : 'en');
  if (d.isPending) return <Loader />;
  if (d.isError) return <ProblemAlert error={d.error} />;
  const x = d.data;
  const maxBucket = Math.max(1, ...x.scoreDistribution.map((b) => b.count), x.unscored);
  const maxAge = Math.max(1, ...x.openImprovementRequestsByAge.map((b) => b.count));
  return (
    <Stack>
      <Title order={2}>{t('partners.dashboard.title')}</Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        <Figure label={t('partners.dashboard.partners')} value={x.partners} testId="dash-partners" />
        <Figure
          label={t('partners.dashboard.overdueAssessments')}
          value={x.overdueAssessments}
          testId="dash-overdue"
          href={urls.overdueAssessments}
        />
        <Figure
          label={t('partners.dashboard.overdueIrs')}
          value={x.overdueImprovementRequests}
          testId="dash-overdue-irs"
          href={urls.overdueIrs}
        />
        <Figure label={t('partners.dashboard.noNda')} value={x.partnersWithoutValidNda} testId="dash-no-nda" href={urls.noNda} />
        <Figure
          label={t('partners.dashboard.noNotice')}
          value={x.subcontractorsWithoutNotice}
          testId="dash-no-notice"
          href={urls.noNotice}
        />
        <Figure label={t('partners.dashboard.unscored')} value={x.unscored} testId="dash-unscored" href={urls.unscored} />
      </SimpleGrid>
      {x.pendingReopenRequests > 0 && <PendingReopenRequests />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={4}>{t('partners.dashboard.distribution')}</Title>
          {x.scoreDistribution.map((b) => (
            <Group key={b.from} wrap="nowrap">
              <Text size="sm" w={80}>
                {b.from}–{b.to}
              </Text>
              <Progress value={(100 * b.count) / maxBucket} style={{ flex: 1 }} />
              <Text size="sm" w={40} ta="right">
                {b.count}
              </Text>
            </Group>
          ))}
        </Card>
        <Card withBorder>
          <Group justify="space-between">
            <Title order={4}>{t('partners.dashboard.irsByAge')}</Title>
            <Anchor href={urls.openIrs} size="xs" data-testid="dash-irs-export">
              {t('partners.dashboard.xlsx')}
            </Anchor>
          </Group>
          {x.openImprovementRequestsByAge.map((b) => (
            <Group key={b.bucket} wrap="nowrap">
              <Text size="sm" w={80}>
                {b.bucket}
              </Text>
              <Progress color="orange" value={(100 * b.count) / maxAge} style={{ flex: 1 }} />
              <Text size="sm" w={40} ta="right">
                {b.count}
              </Text>
            </Group>
          ))}
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={4}>{t('partners.dashboard.trend')}</Title>
        <Table data-testid="dash-trend">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('partners.dashboard.year')}</Table.Th>
              <Table.Th>{t('partners.dashboard.assessments')}</Table.Th>
              <Table.Th>{t('partners.dashboard.average')}</Table.Th>
              <Table.Th>{t('partners.dashboard.below')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {x.trend.map((r) => (
              <Table.Tr key={r.fiscalYear}>
                <Table.Td>{fiscalYearLabel(r.fiscalYear, i18n.language)}</Table.Td>
                <Table.Td>{r.assessments}</Table.Td>
                <Table.Td>{fmtScore(r.averageScore)}</Table.Td>
                <Table.Td>{r.belowThreshold}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

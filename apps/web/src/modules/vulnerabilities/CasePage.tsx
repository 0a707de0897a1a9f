import { Anchor, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { ProblemAlert } from '../../components/problem';
import { useVulnerability } from './api';
import { CaseStatusBadge, CvssScoreText } from './badges';
import { ClosurePanel } from './ClosurePanel';
import { CoordinationPanel } from './CoordinationPanel';
import { CraPanel } from './CraPanel';
import { MessagesPanel } from './MessagesPanel';
import { ProductsPanel } from './ProductsPanel';
import { PublishPanel } from './PublishPanel';
import { ReportPanel } from './ReportPanel';
import { TasksPanel } from './TasksPanel';
import { TriagePanel } from './TriagePanel';

/**
 * One vulnerability case: the report as received (decrypted), the exchange with the reporter, triage,
 * products, remediation, coordination, closure and the publishing of the advisory.
 */
export function CasePage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: '/app/vulnerabilities/$id' });
  const query = useVulnerability(id);
  const canManage = useCan('vulnerabilities:manage');
  const canPublish = useCan('advisories:publish');
  const canReport = useCan('vulnerabilities:report');
  if (query.isPending) return <Loader />;
  if (!query.data) return <ProblemAlert error={query.error} />;
  const c = query.data;
  return (
    <Stack data-testid="vulnerability-case">
      <Anchor component={Link} to="/vulnerabilities" size="sm">
        ← {t('psirtCases.list.title')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text c="dimmed" fw={700} data-testid="vulnerability-number">
            {t('psirtCases.number', { number: c.number })}
          </Text>
          <Title order={2} data-testid="vulnerability-title">
            {c.title}
          </Title>
        </Stack>
        <Group>
          <CvssScoreText cvss={c.cvss40 ?? c.cvss31} testId="vulnerability-score" />
          <CaseStatusBadge status={c.status} testId="vulnerability-status" />
        </Group>
      </Group>
      {/* Regulatory clocks first, as on an incident. */}
      <CraPanel caseId={c.id} canReport={canReport} />
      <ReportPanel vulnerability={c} />
      {c.source === 'report' && <MessagesPanel vulnerability={c} canSend={canManage} />}
      {/* Keyed by the last change, so the forms start again from what the server saved. */}
      <TriagePanel key={`triage-${c.updatedAt}`} vulnerability={c} canManage={canManage} />
      <ProductsPanel key={`products-${c.updatedAt}`} vulnerability={c} canManage={canManage} />
      <TasksPanel vulnerability={c} canManage={canManage} />
      <CoordinationPanel vulnerability={c} canManage={canManage} />
      <ClosurePanel key={`closure-${c.updatedAt}`} vulnerability={c} canManage={canManage} />
      {(canPublish || c.advisory) && (
        <PublishPanel key={`publish-${c.advisoryDraft?.createdAt ?? ''}`} vulnerability={c} canPublish={canPublish} />
      )}
    </Stack>
  );
}

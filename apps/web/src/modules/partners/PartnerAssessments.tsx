import { Anchor, Stack, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/problem';
import { type AssessmentSummary, fmtScore, GROUPS, useAssessment, useAssessments, useImprovements } from './api';
import { ScoreBadge, StatusBadge } from './badges';

function AssessmentRow({ a }: { a: AssessmentSummary }) {
  const detail = useAssessment(a.id);
  return (
    <Table.Tr data-testid="partner-assessment-row">
      <Table.Td>
        <Anchor component={Link} to={`/partner-assessments/${a.id}`}>
          {a.campaignName}
        </Anchor>
      </Table.Td>
      <Table.Td>{a.dueOn}</Table.Td>
      <Table.Td>
        <StatusBadge status={a.status} kind="assessment" />
      </Table.Td>
      <Table.Td>
        <ScoreBadge score={a.score} passed={a.passed} />
      </Table.Td>
      {GROUPS.map((g) => (
        <Table.Td key={g}>{fmtScore(detail.data?.scores[g])}</Table.Td>
      ))}
    </Table.Tr>
  );
}

/** The partner's check sheets (scores overall and per group) and improvement requests. */
export function PartnerAssessments({ partnerId }: { partnerId: string }) {
  const { t, i18n } = useTranslation();
  const assessments = useAssessments({ partnerId });
  const irs = useImprovements({ partnerId });
  return (
    <Stack>
      <Title order={4}>{t('partners.tabs.assessments')}</Title>
      <ProblemAlert error={assessments.error} />
      <Table striped data-testid="partner-assessments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('partners.fields.campaign')}</Table.Th>
            <Table.Th>{t('partners.fields.dueOn')}</Table.Th>
            <Table.Th>{t('partners.fields.status')}</Table.Th>
            <Table.Th>{t('partners.fields.score')}</Table.Th>
            {GROUPS.map((g) => (
              <Table.Th key={g}>({g})</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assessments.items.map((a) => (
            <AssessmentRow key={a.id} a={a} />
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore
        shown={assessments.items.length}
        hasMore={assessments.hasNextPage}
        loading={assessments.isFetchingNextPage}
        onMore={assessments.loadMore}
      />
      <Title order={4}>{t('partners.ir.title')}</Title>
      <Table striped data-testid="partner-irs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('partners.fields.requirement')}</Table.Th>
            <Table.Th>{t('partners.ir.reason')}</Table.Th>
            <Table.Th>{t('partners.fields.dueOn')}</Table.Th>
            <Table.Th>{t('partners.fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {irs.items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                {r.requirementId} {i18n.language === 'ja' ? r.requirementText.ja : r.requirementText.en}
              </Table.Td>
              <Table.Td>{t(`partners.ir.reasons.${r.reason}`)}</Table.Td>
              <Table.Td>{r.dueOn}</Table.Td>
              <Table.Td>
                <StatusBadge status={r.status} kind="ir" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore shown={irs.items.length} hasMore={irs.hasNextPage} loading={irs.isFetchingNextPage} onMore={irs.loadMore} />
    </Stack>
  );
}

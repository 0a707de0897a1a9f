import { Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { type AssessmentRound, fmtScore } from './api';

/** Earlier submissions of a reopened check sheet: their scores stay here when it is submitted again. */
export function AssessmentHistory({ rounds }: { rounds: AssessmentRound[] }) {
  const { t, i18n } = useTranslation();
  if (!rounds.length) return null;
  return (
    <>
      <Title order={5}>{t('partners.history.title')}</Title>
      <Table striped data-testid="assessment-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('partners.history.submittedAt')}</Table.Th>
            <Table.Th>{t('partners.fields.score')}</Table.Th>
            <Table.Th>{t('partners.fields.threshold')}</Table.Th>
            <Table.Th>{t('partners.history.verdict')}</Table.Th>
            <Table.Th>{t('partners.history.reopenedAt')}</Table.Th>
            <Table.Th>{t('partners.review.reopenReason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rounds.map((r) => (
            <Table.Tr key={r.reopenedAt} data-testid="history-row">
              <Table.Td>{formatDateTime(r.submittedAt, i18n.language)}</Table.Td>
              <Table.Td data-testid="history-score">{fmtScore(r.score)}</Table.Td>
              <Table.Td>{r.threshold ?? '—'}</Table.Td>
              <Table.Td>
                {r.passed === null ? '—' : r.passed ? t('partners.review.passed') : t('partners.review.failed')}
              </Table.Td>
              <Table.Td>{formatDateTime(r.reopenedAt, i18n.language)}</Table.Td>
              <Table.Td>{r.reopenReason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

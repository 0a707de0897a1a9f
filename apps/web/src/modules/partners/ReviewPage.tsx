import { Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePartnerName } from '../../components/names';
import { useCan } from '../../app/useCan';
import { ProblemAlert } from '../../components/problem';
import { type Assessment, fmtScore, GROUPS, post, useAssessment, usePartnerMutation } from './api';
import { AssessmentHistory } from './AssessmentHistory';
import { ResultPdfButton } from './ResultPdfButton';
import { FailReason, ScoreBadge, StatusBadge, TierBadge } from './badges';
import { ReopenDecision } from './ReopenDecision';
import { ReopenRequestList } from './ReopenRequests';

/** The office's view of one check sheet: answers per group, scores overall and per group, threshold; reopen. */
export function ReviewPage() {
  const { t, i18n } = useTranslation();
  const partnerName = usePartnerName();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const { id } = useParams({ from: '/app/partner-assessments/$id' });
  const canReview = useCan('partner-assessments:review');
  const assessment = useAssessment(id);
  const [reason, setReason] = useState('');
  const reopen = usePartnerMutation(() => post<Assessment>(`/partner-assessments/${id}/reopen`, { reason }));
  if (assessment.isPending) return <Loader />;
  if (assessment.isError) return <ProblemAlert error={assessment.error} />;
  const a = assessment.data;
  const pending = a.reopenRequests.find((r) => r.status === 'pending');

  return (
    <Stack>
      <Anchor component={Link} to={`/partners/${a.partnerId}`} size="sm">
        ← {partnerName(a)}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>
          {partnerName(a)} — {a.campaignName}
        </Title>
        <Group>
          <TierBadge tier={a.tier} />
          <StatusBadge status={a.status} kind="assessment" />
          {a.score !== null && <ResultPdfButton assessmentId={a.id} />}
        </Group>
      </Group>
      <Card withBorder>
        <SimpleGrid cols={{ base: 2, sm: 7 }}>
          <div>
            <Text size="xs" c="dimmed">
              {t('partners.fields.score')}
            </Text>
            <ScoreBadge score={a.score} passed={a.passed} />
            <FailReason a={a} />
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('partners.fields.threshold')}
            </Text>
            <Text data-testid="review-threshold">{a.threshold ?? '—'}</Text>
          </div>
          {GROUPS.map((g) => (
            <div key={g}>
              <Text size="xs" c="dimmed">
                ({g})
              </Text>
              <Text data-testid={`review-group-${g}`}>{fmtScore(a.scores[g])}</Text>
            </div>
          ))}
        </SimpleGrid>
        <Text size="sm" mt="sm">
          {t('partners.answer.answered', { answered: a.answered, total: a.total })}
          {a.passed !== null && ` · ${a.passed ? t('partners.review.passed') : t('partners.review.failed')}`}
        </Text>
      </Card>
      {canReview && pending && <ReopenDecision request={pending} />}
      {canReview && a.status === 'submitted' && !pending && (
        <Group align="flex-end">
          <Textarea
            label={t('partners.review.reopenReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            w={400}
            data-testid="reopen-reason"
          />
          <Button
            color="orange"
            disabled={!reason.trim()}
            loading={reopen.isPending}
            onClick={() => reopen.mutate(undefined)}
            data-testid="reopen-submit"
          >
            {t('partners.review.reopen')}
          </Button>
        </Group>
      )}
      <ProblemAlert error={reopen.error} />
      {a.status === 'reopened' && a.reopenReason && (
        <Text c="orange.9" size="sm" data-testid="review-reopen-reason">
          {t('partners.review.reopenReason')}: {a.reopenReason}
        </Text>
      )}
      <ReopenRequestList requests={a.reopenRequests.filter((r) => r.status !== 'pending')} />
      <AssessmentHistory rounds={a.history} />
      {GROUPS.map((g) => {
        const items = a.items.filter((i) => i.group === g);
        if (!items.length) return null;
        return (
          <Card withBorder key={g}>
            <Group justify="space-between">
              <Title order={4}>{t(`partners.group.${g}`)}</Title>
              <Badge variant="light">{fmtScore(a.scores[g])}</Badge>
            </Group>
            <Table striped>
              <Table.Tbody>
                {items.map((i) => (
                  <Table.Tr key={i.requirementId} data-testid={`review-item-${i.requirementId}`}>
                    <Table.Td w={90}>{i.requirementId}</Table.Td>
                    <Table.Td>
                      {i.text[lang]}
                      {i.critical && (
                        <Badge color="red" size="xs" ml="xs">
                          {t('partners.answer.critical')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td w={160}>{i.value ? t(`partners.answerValue.${i.value}`) : '—'}</Table.Td>
                    <Table.Td>{[i.reason, i.comment].filter(Boolean).join(' / ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        );
      })}
    </Stack>
  );
}

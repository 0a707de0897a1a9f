import { Anchor, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime, usePartnerName } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { type Campaign, post, useAssessments, usePartnerMutation } from './api';
import { ScoreBadge, StatusBadge } from './badges';

type Reminder = { reminded: number; skipped: number; mails: number };

/**
 * One campaign: every partner's check sheet with its status and score, and a button that reminds the partners
 * that have not submitted (issue 18: "who has submitted, who has not, remind the missing ones").
 */
export function CampaignPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ from: '/app/partner-campaigns/$id' });
  const partnerName = usePartnerName();
  const canRemind = useCan('partner-campaigns:manage');
  const campaign = useQuery({
    queryKey: ['partners', 'campaign', id],
    queryFn: () => api<Campaign>(`/partner-campaigns/${id}`),
  });
  const sheets = useAssessments({ campaignId: id });
  const remind = usePartnerMutation(() => post<Reminder>(`/partner-campaigns/${id}/remind`, {}));

  if (campaign.isPending) return <Loader />;
  if (campaign.isError) return <ProblemAlert error={campaign.error} />;
  const c = campaign.data;
  const waiting = c.assessments - c.submitted;
  return (
    <Stack>
      <Anchor component={Link} to="/partner-campaigns" size="sm">
        ← {t('partners.campaigns.title')}
      </Anchor>
      <Title order={2} data-testid="campaign-title">
        {c.name}
      </Title>
      <Text data-testid="campaign-summary">
        {t('partners.fields.dueOn')}: {c.dueOn} · {t('partners.campaigns.progress')}: {c.submitted} / {c.assessments}
      </Text>
      {canRemind && waiting > 0 && (
        <Group>
          <Button
            loading={remind.isPending}
            data-testid="campaign-remind"
            onClick={() =>
              remind.mutate(undefined, {
                onSuccess: (r) => notifySuccess(t('partners.campaigns.reminded', { count: r.reminded, skipped: r.skipped })),
              })
            }
          >
            {t('partners.campaigns.remind', { count: waiting })}
          </Button>
          <Text size="sm" c="dimmed">
            {t('partners.campaigns.remindHelp')}
          </Text>
        </Group>
      )}
      <ProblemAlert error={remind.error ?? sheets.error} />
      <Table striped data-testid="campaign-sheets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('partners.fields.name')}</Table.Th>
            <Table.Th>{t('partners.fields.status')}</Table.Th>
            <Table.Th>{t('partners.fields.score')}</Table.Th>
            <Table.Th>{t('partners.campaigns.submittedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sheets.items.map((a) => (
            <Table.Tr key={a.id} data-testid="campaign-sheet" data-status={a.status}>
              <Table.Td>
                <Anchor component={Link} to={`/partner-assessments/${a.id}`}>
                  {partnerName(a)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={a.status} kind="assessment" />
              </Table.Td>
              <Table.Td>
                <ScoreBadge score={a.score} passed={a.passed} />
              </Table.Td>
              <Table.Td>{a.submittedAt ? formatDateTime(a.submittedAt, i18n.language) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore
        shown={sheets.items.length}
        hasMore={sheets.hasNextPage}
        loading={sheets.isFetchingNextPage}
        onMore={sheets.loadMore}
      />
    </Stack>
  );
}

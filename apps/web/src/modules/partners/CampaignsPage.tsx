import { Anchor, Button, Card, Group, MultiSelect, Stack, TextInput, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { Table } from '../../components/Table';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime, useLocalName } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { type Campaign, post, useCampaigns, usePartnerMutation, usePartners } from './api';
import { ThresholdsCard } from './ThresholdsCard';
import { DateField } from '../../components/dates/DateField';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Campaigns so far, and a form to start one for chosen partners with a due date. */
export function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const canStart = useCan('partner-campaigns:manage');
  const campaigns = useCampaigns();
  const [name, setName] = useState('');
  const [dueOn, setDueOn] = useState(inDays(30));
  const [partnerIds, setPartnerIds] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const partners = usePartners({ q: q || undefined, status: 'active' });
  const [known, setKnown] = useState<Record<string, string>>({});
  const options = { ...known, ...Object.fromEntries(partners.items.map((p) => [p.id, localName(p)])) };
  const start = usePartnerMutation(() => post<Campaign>('/partner-campaigns', { name, dueOn, partnerIds }));

  return (
    <Stack>
      <Title order={2}>{t('partners.campaigns.title')}</Title>
      {canStart && (
        <Card withBorder>
          <Stack>
            <Title order={4}>{t('partners.campaigns.start')}</Title>
            <Group align="flex-end" grow>
              <TextInput
                label={t('partners.campaigns.name')}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                data-testid="campaign-name"
              />
              <DateField
                label={t('partners.fields.dueOn')}
                required
                value={dueOn}
                onChange={(v) => setDueOn(v)}
                data-testid="campaign-due"
              />
            </Group>
            <MultiSelect
              label={t('partners.campaigns.partners')}
              placeholder={t('partners.campaigns.partnersHelp')}
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              filter={({ options: o }) => o}
              data={Object.entries(options).map(([value, label]) => ({ value, label }))}
              value={partnerIds}
              onChange={(ids) => {
                setKnown(Object.fromEntries(ids.map((id) => [id, options[id] ?? id])));
                setPartnerIds(ids);
              }}
              data-testid="campaign-partners"
            />
            <ProblemAlert error={start.error} />
            <Group justify="flex-end">
              <Button
                disabled={!name.trim() || partnerIds.length === 0}
                loading={start.isPending}
                data-testid="campaign-submit"
                onClick={() =>
                  start.mutate(undefined, {
                    onSuccess: () => {
                      notifySuccess(t('partners.campaigns.started'));
                      setName('');
                      setPartnerIds([]);
                    },
                  })
                }
              >
                {t('partners.campaigns.submit')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {canStart && <ThresholdsCard canEdit={canStart} />}
      <ProblemAlert error={campaigns.error} />
      <Table striped data-testid="campaigns-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('partners.campaigns.name')}</Table.Th>
            <Table.Th>{t('partners.fields.dueOn')}</Table.Th>
            <Table.Th>{t('partners.campaigns.progress')}</Table.Th>
            <Table.Th>{t('partners.campaigns.catalogVersion')}</Table.Th>
            <Table.Th>{t('partners.campaigns.createdAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaigns.items.map((c) => (
            <Table.Tr key={c.id} data-testid="campaign-row" data-name={c.name}>
              <Table.Td>
                <Anchor component={Link} to={`/partner-campaigns/${c.id}`}>
                  {c.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{c.dueOn}</Table.Td>
              <Table.Td data-testid="campaign-progress">
                {c.submitted} / {c.assessments}
              </Table.Td>
              <Table.Td>v{c.catalogVersion}</Table.Td>
              <Table.Td>{formatDateTime(c.createdAt, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore
        shown={campaigns.items.length}
        hasMore={campaigns.hasNextPage}
        loading={campaigns.isFetchingNextPage}
        onMore={campaigns.loadMore}
      />
    </Stack>
  );
}

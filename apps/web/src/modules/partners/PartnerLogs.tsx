import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Exchange, usePartnerSub, type Visit } from './api';

/** The exchange log (what went to or came from the partner, and its return/disposal) and the visits. */
export function PartnerLogs({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const exchanges = usePartnerSub<Exchange>(partnerId, 'exchanges');
  const visits = usePartnerSub<Visit>(partnerId, 'visits');
  return (
    <Stack>
      <Title order={4}>{t('partners.exchanges.title')}</Title>
      <Table striped data-testid="partner-exchanges">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('partners.exchanges.occurredOn')}</Table.Th>
            <Table.Th>{t('partners.exchanges.direction')}</Table.Th>
            <Table.Th>{t('partners.exchanges.form')}</Table.Th>
            <Table.Th>{t('partners.exchanges.description')}</Table.Th>
            <Table.Th>{t('partners.exchanges.method')}</Table.Th>
            <Table.Th>{t('partners.exchanges.approvedBy')}</Table.Th>
            <Table.Th>{t('partners.exchanges.returnDueOn')}</Table.Th>
            <Table.Th>{t('partners.exchanges.settlement')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(exchanges.data ?? []).map((x) => (
            <Table.Tr key={x.id}>
              <Table.Td>{x.occurredOn}</Table.Td>
              <Table.Td>{t(`partners.exchanges.directions.${x.direction}`)}</Table.Td>
              <Table.Td>{t(`partners.exchanges.forms.${x.form}`)}</Table.Td>
              <Table.Td>{x.description}</Table.Td>
              <Table.Td>{x.method}</Table.Td>
              <Table.Td>{x.approvedBy}</Table.Td>
              <Table.Td>{x.returnDueOn ?? '—'}</Table.Td>
              <Table.Td>
                {x.settlement ? `${t(`partners.exchanges.settlements.${x.settlement}`)} ${x.settledOn ?? ''}` : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4}>{t('partners.visits.title')}</Title>
      {(visits.data ?? []).length === 0 && <Text c="dimmed">{t('common.nothingFound')}</Text>}
      {(visits.data ?? []).map((v) => (
        <Stack key={v.id} gap={2} data-testid="partner-visit">
          <Text fw={500}>
            {v.visitedOn} — {v.visitors}
          </Text>
          <Text size="sm">{v.summary}</Text>
          {v.findings.map((f, i) => (
            <Text size="sm" key={i}>
              [{t(`partners.visits.severity.${f.severity}`)}] {f.requirementId ?? ''} {f.note}
            </Text>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

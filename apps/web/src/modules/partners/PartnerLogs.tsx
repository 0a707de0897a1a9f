import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Exchange, usePartnerSub, type Visit } from './api';
import { ExchangeModal } from './ExchangeModal';
import { SettleModal } from './SettleModal';
import { VisitModal } from './VisitModal';

const today = () => new Date().toISOString().slice(0, 10);

function Settlement({ x }: { x: Exchange }) {
  const { t } = useTranslation();
  if (x.settlement)
    return (
      <Text size="sm" data-testid="exchange-settled">
        {t(`partners.exchanges.settlements.${x.settlement}`)} {x.settledOn}
        {x.settlementNote ? ` — ${x.settlementNote}` : ''}
      </Text>
    );
  if (x.direction !== 'to_partner') return <>—</>;
  const late = x.returnDueOn !== null && x.returnDueOn < today();
  return (
    <Badge color={late ? 'red' : 'gray'} variant="light">
      {t(late ? 'partners.exchanges.overdue' : 'partners.exchanges.open')}
    </Badge>
  );
}

/** The exchange log (what went to or came from the partner, and its return/disposal) and the on-site visits. */
export function PartnerLogs(props: { partnerId: string; canManage: boolean; canVisit: boolean }) {
  const { partnerId, canManage, canVisit } = props;
  const { t } = useTranslation();
  const exchanges = usePartnerSub<Exchange>(partnerId, 'exchanges');
  const visits = usePartnerSub<Visit>(partnerId, 'visits');
  const [adding, setAdding] = useState<'exchange' | 'visit' | null>(null);
  const [settling, setSettling] = useState<Exchange | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={4}>{t('partners.exchanges.title')}</Title>
        {canManage && (
          <Button size="xs" onClick={() => setAdding('exchange')} data-testid="exchange-add">
            {t('partners.exchanges.add')}
          </Button>
        )}
      </Group>
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
            <Table.Tr key={x.id} data-testid="exchange-row">
              <Table.Td>{x.occurredOn}</Table.Td>
              <Table.Td>{t(`partners.exchanges.directions.${x.direction}`)}</Table.Td>
              <Table.Td>{t(`partners.exchanges.forms.${x.form}`)}</Table.Td>
              <Table.Td>{x.description}</Table.Td>
              <Table.Td>{x.method}</Table.Td>
              <Table.Td>{x.approvedBy}</Table.Td>
              <Table.Td>{x.returnDueOn ?? '—'}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Settlement x={x} />
                  {canManage && !x.settlement && (
                    <Button size="compact-xs" variant="light" onClick={() => setSettling(x)} data-testid="exchange-settle">
                      {t('partners.exchanges.settle')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {exchanges.isSuccess && exchanges.data.length === 0 && <Text c="dimmed">{t('common.nothingFound')}</Text>}

      <Group justify="space-between" mt="md">
        <Title order={4}>{t('partners.visits.title')}</Title>
        {canVisit && (
          <Button size="xs" onClick={() => setAdding('visit')} data-testid="visit-add">
            {t('partners.visits.add')}
          </Button>
        )}
      </Group>
      {visits.isSuccess && visits.data.length === 0 && <Text c="dimmed">{t('common.nothingFound')}</Text>}
      {(visits.data ?? []).map((v) => (
        <Card withBorder key={v.id} data-testid="partner-visit">
          <Text fw={500}>
            {v.visitedOn} — {v.visitors}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {v.summary}
          </Text>
          {v.findings.map((f, i) => (
            <Group key={i} gap="xs" wrap="nowrap" data-testid="visit-finding-row">
              <Badge color={f.severity === 'major' ? 'red' : f.severity === 'minor' ? 'orange' : 'gray'} variant="light">
                {t(`partners.visits.severity.${f.severity}`)}
              </Badge>
              <Text size="sm">
                {f.requirementId ?? ''} {f.note}
              </Text>
            </Group>
          ))}
        </Card>
      ))}
      {adding === 'exchange' && <ExchangeModal partnerId={partnerId} onClose={() => setAdding(null)} />}
      {adding === 'visit' && <VisitModal partnerId={partnerId} onClose={() => setAdding(null)} />}
      {settling && <SettleModal exchange={settling} onClose={() => setSettling(null)} />}
    </Stack>
  );
}

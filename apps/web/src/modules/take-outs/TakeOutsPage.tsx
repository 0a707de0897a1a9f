import { Anchor, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useTakeOuts, type View } from './api';
import { StateBadge } from './badges';

/** My take-out requests, the ones waiting for my decision, and (for approvers) all in my scope. */
export function TakeOutsPage() {
  const { t, i18n } = useTranslation();
  const canApprove = useCan('take-outs:approve');
  const [view, setView] = useState<View>(canApprove ? 'to-approve' : 'mine');
  const list = useTakeOuts(view);
  const views: View[] = canApprove ? ['to-approve', 'mine', 'all'] : ['mine'];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('takeOuts.title')}</Title>
        <Button component={Link} to="/take-outs/new" data-testid="take-out-new">
          {t('takeOuts.new.title')}
        </Button>
      </Group>
      {views.length > 1 && (
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v as View)}
          data={views.map((v) => ({ value: v, label: t(`takeOuts.view.${v}`) }))}
          data-testid="take-out-views"
        />
      )}
      <ProblemAlert error={list.error} />
      <Table striped highlightOnHover data-testid="take-outs-table" minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('takeOuts.field.assets')}</Table.Th>
            <Table.Th>{t('takeOuts.field.requester')}</Table.Th>
            <Table.Th>{t('takeOuts.field.period')}</Table.Th>
            <Table.Th>{t('takeOuts.field.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((i) => (
            <Table.Tr key={i.id} data-testid="take-out-row">
              <Table.Td>
                <Anchor component={Link} to={`/take-outs/${i.id}`} data-testid="take-out-link">
                  {i.firstAsset}
                  {i.assetCount > 1 && ` +${i.assetCount - 1}`}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {i.destination}
                </Text>
              </Table.Td>
              <Table.Td>
                {i.requester}
                <Text size="xs" c="dimmed">
                  {i18n.language === 'ja' ? i.unit.ja : i.unit.en}
                </Text>
              </Table.Td>
              <Table.Td>
                {i.periodFrom} – {i.periodTo}
              </Table.Td>
              <Table.Td>
                <StateBadge state={i.state} />
                {i.waitingFor && (
                  <Text size="xs" c="dimmed">
                    {t('takeOuts.waitingFor', { approver: t(`takeOuts.approver.${i.waitingFor}`) })}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('takeOuts.none')}</Text>}
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Stack>
  );
}

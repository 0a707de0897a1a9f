import { SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/problem';
import { IR_STATUSES, useImprovements } from './api';
import { ImprovementRow } from './ImprovementRow';

/** Improvement requests by status: the office decides on answered ones, a partner answers its own. */
export function ImprovementsPage() {
  const { t } = useTranslation();
  const canAnswer = useCan('partner-portal:answer');
  const canDecide = useCan('improvement-requests:manage');
  const [status, setStatus] = useState<string>(canAnswer ? 'open' : 'answered');
  const list = useImprovements({ status: status === 'all' ? undefined : status });
  return (
    <Stack>
      <Title order={2}>{t('partners.ir.title')}</Title>
      <SegmentedControl
        value={status}
        onChange={setStatus}
        data={[...IR_STATUSES, 'all'].map((s) => ({
          value: s,
          label: s === 'all' ? t('common.all') : t(`partners.irStatus.${s}`),
        }))}
        data-testid="ir-status-filter"
      />
      <ProblemAlert error={list.error} />
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('common.nothingFound')}</Text>}
      {list.items.map((ir) => (
        <ImprovementRow key={ir.id} ir={ir} canAnswer={canAnswer} canDecide={canDecide} />
      ))}
      <LoadMore
        shown={list.items.length}
        total={list.total}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={list.loadMore}
      />
    </Stack>
  );
}

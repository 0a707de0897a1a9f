import { Anchor, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useBringIns, type BringInView } from './api';
import { BringInStateBadge } from './parts';

/** My bring-in requests, those waiting for me as a zone's owner, and (offices) all in scope. Built for a phone. */
export function BringInsPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const canApprove = useCan('bring-ins:approve');
  const canManage = useCan('zones:manage');
  const views: BringInView[] = [
    ...(canApprove ? (['toApprove'] as const) : []),
    'mine',
    ...(canManage ? (['all'] as const) : []),
  ];
  const [view, setView] = useState<BringInView>(views[0]!);
  const list = useBringIns(view);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('zonePages.bringIns.title')}</Title>
        <Button component={Link} to="/bring-ins/new" data-testid="bring-in-new">
          {t('zonePages.bringIns.new')}
        </Button>
      </Group>
      {views.length > 1 && (
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v as BringInView)}
          data={views.map((v) => ({ value: v, label: t(`zonePages.bringIns.view.${v}`) }))}
          data-testid="bring-in-views"
        />
      )}
      <ProblemAlert error={list.error} />
      <Stack gap="xs" data-testid="bring-ins-list">
        {list.items.map((b) => (
          <Group key={b.id} justify="space-between" wrap="wrap" gap="xs" data-testid="bring-in-row">
            <Stack gap={0}>
              <Anchor component={Link} to={`/bring-ins/${b.id}`} data-testid="bring-in-link">
                {b.bringerName} — {t(`zonePages.device.${b.device}`)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {name({ nameJa: b.zoneNameJa, nameEn: b.zoneNameEn })} · {b.periodFrom} – {b.periodTo}
              </Text>
            </Stack>
            <BringInStateBadge state={b.state} />
          </Group>
        ))}
      </Stack>
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('zonePages.bringIns.none')}</Text>}
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Stack>
  );
}

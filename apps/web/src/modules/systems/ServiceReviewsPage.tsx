import { Anchor, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useReviews } from './api';
import { ReviewStatusBadge } from './parts';

/** Pre-use review requests in reach: waiting ones first for the office; built for a phone. */
export function ServiceReviewsPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const [status, setStatus] = useState('pending');
  const list = useReviews(status === 'all' ? undefined : status);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('systemPages.review.title')}</Title>
        <Button component={Link} to="/service-reviews/new" data-testid="review-new">
          {t('systemPages.review.new')}
        </Button>
      </Group>
      <Text size="sm">{t('systemPages.review.intro')}</Text>
      <SegmentedControl
        value={status}
        onChange={setStatus}
        data={[
          { value: 'pending', label: t('systemPages.review.status.pending') },
          { value: 'all', label: t('systemPages.review.all') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <ProblemAlert error={list.error} />
      <Stack gap="xs" data-testid="reviews-list">
        {list.items.map((r) => (
          <Group key={r.id} justify="space-between" wrap="wrap" gap="xs" data-testid="review-row">
            <Stack gap={0}>
              <Anchor component={Link} to={`/service-reviews/${r.id}`} data-testid="review-link">
                {r.serviceName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {name(r.unit)} · {r.createdAt.slice(0, 10)}
              </Text>
            </Stack>
            <ReviewStatusBadge status={r.status} />
          </Group>
        ))}
      </Stack>
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('systemPages.review.none')}</Text>}
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Stack>
  );
}

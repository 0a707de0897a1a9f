import { Button, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { ASSET_REVIEW_UNIT_STATES } from '@mamori/contracts';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useReview, useReviewUnits } from './api';
import { UnitStateBadge } from './UnitStateBadge';
import { ReviewProgress } from './Progress';

/** A campaign: progress for the group and by site, then the units (filter by state and site), with confirm links. */
export function ReviewPage() {
  const { id } = useParams({ from: '/app/asset-reviews/$id' });
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const review = useReview(id);
  const [state, setState] = useState<string | null>(null);
  const [siteId, setSiteId] = useState<string | null>(null);
  const units = useReviewUnits(id, { state: state ?? undefined, siteId: siteId ?? undefined });
  if (review.isLoading) return <Loader />;
  if (!review.data) return <ProblemAlert error={review.error} />;
  const r = review.data;
  return (
    <Stack>
      <Title order={2}>{ja ? r.titleJa : r.titleEn}</Title>
      <Text size="sm" c="dimmed">
        {t('assetReviews.dueOn', { day: r.dueOn })} · {r.createdBy}
      </Text>
      <div data-testid="review-progress">
        <ReviewProgress c={r.progress} />
      </div>
      <Title order={3}>{t('assetReviews.bySite')}</Title>
      <Table data-testid="review-sites" minWidth={420}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assetReviews.field.site')}</Table.Th>
            <Table.Th>{t('assetReviews.field.progress')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.bySite.map((s) => (
            <Table.Tr key={s.site?.id ?? 'none'}>
              <Table.Td>{s.site ? (ja ? s.site.ja : s.site.en) : t('assetReviews.noSite')}</Table.Td>
              <Table.Td miw={220}>
                <ReviewProgress c={s} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3}>{t('assetReviews.units')}</Title>
      <Group>
        <Select
          label={t('assetReviews.field.state')}
          clearable
          placeholder={t('common.all')}
          value={state}
          onChange={setState}
          data={ASSET_REVIEW_UNIT_STATES.map((s) => ({ value: s, label: t(`assetReviews.state.${s}`) }))}
          w={180}
          data-testid="review-state-filter"
        />
        <Select
          label={t('assetReviews.field.site')}
          clearable
          placeholder={t('common.all')}
          value={siteId}
          onChange={setSiteId}
          data={r.bySite.flatMap((s) => (s.site ? [{ value: s.site.id, label: ja ? s.site.ja : s.site.en }] : []))}
          w={220}
        />
      </Group>
      <ProblemAlert error={units.error} />
      <Table striped data-testid="review-units" minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assetReviews.field.unit')}</Table.Th>
            <Table.Th>{t('assetReviews.field.state')}</Table.Th>
            <Table.Th>{t('assetReviews.field.ledger')}</Table.Th>
            <Table.Th>{t('assetReviews.field.confirmedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {units.items.map((u) => (
            <Table.Tr key={u.unit.id} data-testid={`review-unit-${u.unit.code}`}>
              <Table.Td>
                {u.unit.code} {ja ? u.unit.ja : u.unit.en}
                <Text size="xs" c="dimmed">
                  {u.site ? (ja ? u.site.ja : u.site.en) : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <UnitStateBadge state={u.state} />
                {u.outcome && <Text size="xs">{t(`assetReviews.outcome.${u.outcome}`)}</Text>}
              </Table.Td>
              <Table.Td>{t('assetReviews.assetCount', { n: u.ledger.total })}</Table.Td>
              <Table.Td>
                {u.confirmedBy ?? ''}
                {u.canConfirm && (
                  <Button
                    size="xs"
                    component={Link}
                    to={`/asset-reviews/${id}/units/${u.unit.id}`}
                    data-testid="review-confirm-link"
                  >
                    {t('assetReviews.confirm.title')}
                  </Button>
                )}
                {!u.canConfirm && u.comment && <Text size="xs">{u.comment}</Text>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore
        shown={units.items.length}
        hasMore={units.hasNextPage}
        loading={units.isFetchingNextPage}
        onMore={units.loadMore}
      />
    </Stack>
  );
}

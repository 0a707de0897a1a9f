import { Anchor, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { fieldError, ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { useOpenReview, useReviews } from './api';
import { ReviewProgress } from './Progress';
import { DateField } from '../../components/dates/DateField';

function OpenForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useOpenReview();
  const [titleJa, setJa] = useState('');
  const [titleEn, setEn] = useState('');
  const [units, setUnits] = useState<'all' | 'subtrees'>('all');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [dueOn, setDue] = useState('');
  const err = (f: string) => fieldError(open.error, f);
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <TextInput
          label={t('assetReviews.field.titleJa')}
          value={titleJa}
          onChange={(e) => setJa(e.currentTarget.value)}
          error={err('titleJa')}
          data-testid="review-title-ja"
        />
        <TextInput
          label={t('assetReviews.field.titleEn')}
          value={titleEn}
          onChange={(e) => setEn(e.currentTarget.value)}
          error={err('titleEn')}
          data-testid="review-title-en"
        />
        <SegmentedControl
          value={units}
          onChange={(v) => setUnits(v as 'all' | 'subtrees')}
          data={[
            { value: 'all', label: t('assetReviews.field.allUnits') },
            { value: 'subtrees', label: t('assetReviews.field.someUnits') },
          ]}
        />
        {units === 'subtrees' && (
          <OrgUnitSelect label={t('assetReviews.field.unit')} value={unitId} onChange={setUnitId} testId="review-unit" />
        )}
        {(err('unitIds') || err('unitIds.0')) && <Text c="red.9">{err('unitIds') ?? err('unitIds.0')}</Text>}
        <DateField
          label={t('assetReviews.field.dueOn')}
          value={dueOn}
          onChange={(v) => setDue(v)}
          error={err('dueOn')}
          data-testid="review-due"
        />
        <ProblemAlert error={open.error} />
        <Group>
          <Button
            loading={open.isPending}
            data-testid="review-open-submit"
            onClick={() =>
              open.mutate(
                { titleJa, titleEn, units, unitIds: units === 'subtrees' && unitId ? [unitId] : [], dueOn },
                { onSuccess: (r) => void navigate({ to: '/asset-reviews/$id', params: { id: r.id } }) },
              )
            }
          >
            {t('assetReviews.open.submit')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Inventory campaigns with their progress over the reader's units; offices open new ones. */
export function ReviewsPage() {
  const { t, i18n } = useTranslation();
  const canManage = useCan('asset-reviews:manage');
  const [opening, setOpening] = useState(false);
  const list = useReviews();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('assetReviews.title')}</Title>
        {canManage && !opening && (
          <Button onClick={() => setOpening(true)} data-testid="review-open">
            {t('assetReviews.open.title')}
          </Button>
        )}
      </Group>
      {opening && <OpenForm onClose={() => setOpening(false)} />}
      <ProblemAlert error={list.error} />
      <Table striped data-testid="reviews-table" minWidth={520}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assetReviews.field.title')}</Table.Th>
            <Table.Th>{t('assetReviews.field.dueOn')}</Table.Th>
            <Table.Th>{t('assetReviews.field.progress')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/asset-reviews/${r.id}`} data-testid="review-link">
                  {i18n.language === 'ja' ? r.titleJa : r.titleEn}
                </Anchor>
              </Table.Td>
              <Table.Td>{r.dueOn}</Table.Td>
              <Table.Td miw={200}>
                <ReviewProgress c={r.progress} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('assetReviews.none')}</Text>}
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Stack>
  );
}

import { Button, Group, Loader, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { useConfirmUnit, useReview, useReviewUnits } from './api';
import { UnitStateBadge } from './UnitStateBadge';

/** An org head confirms their unit's ledger: the ledger's counts by class, then "no change" or what changed. */
export function ConfirmPage() {
  const { id, unitId } = useParams({ from: '/app/asset-reviews/$id/units/$unitId' });
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const navigate = useNavigate();
  const review = useReview(id);
  const units = useReviewUnits(id, { unitId });
  const confirm = useConfirmUnit(id, unitId);
  const [outcome, setOutcome] = useState<'no_change' | 'changed'>('no_change');
  const [comment, setComment] = useState('');
  const unit = units.items.find((u) => u.unit.id === unitId);
  if (review.isLoading || units.isLoading) return <Loader />;
  if (!review.data || !unit) return <ProblemAlert error={review.error ?? units.error} />;
  return (
    <Stack maw={640}>
      <Title order={2}>{t('assetReviews.confirm.title')}</Title>
      <Text>{ja ? review.data.titleJa : review.data.titleEn}</Text>
      <Group>
        <Text fw={600}>
          {unit.unit.code} {ja ? unit.unit.ja : unit.unit.en}
        </Text>
        <UnitStateBadge state={unit.state} />
      </Group>
      <Paper withBorder p="sm" data-testid="review-ledger">
        <Text>{t('assetReviews.assetCount', { n: unit.ledger.total })}</Text>
        {Object.entries(unit.ledger.byClass).map(([code, n]) => (
          <Text key={code} size="sm">
            {code}: {n}
          </Text>
        ))}
      </Paper>
      <SegmentedControl
        value={outcome}
        onChange={(v) => setOutcome(v as 'no_change' | 'changed')}
        data={[
          { value: 'no_change', label: t('assetReviews.outcome.no_change') },
          { value: 'changed', label: t('assetReviews.outcome.changed') },
        ]}
        data-testid="review-outcome"
      />
      <Textarea
        label={t('assetReviews.field.comment')}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={fieldError(confirm.error, 'comment')}
        data-testid="review-comment"
      />
      <ProblemAlert error={confirm.error} />
      <Group>
        <Button
          disabled={!unit.canConfirm}
          loading={confirm.isPending}
          data-testid="review-confirm-submit"
          onClick={() =>
            confirm.mutate(
              { outcome, comment },
              {
                onSuccess: () => {
                  notifySuccess(t('assetReviews.confirm.done'));
                  void navigate({ to: '/asset-reviews/$id', params: { id } });
                },
              },
            )
          }
        >
          {t('assetReviews.confirm.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

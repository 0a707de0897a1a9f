import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssetReviewUnit } from './api';

const STATE_COLOUR = { pending: 'yellow', overdue: 'red', confirmed: 'teal' } as const;

export function UnitStateBadge({ state }: { state: AssetReviewUnit['state'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOUR[state]} variant="light" autoContrast data-testid="review-unit-state">
      {t(`assetReviews.state.${state}`)}
    </Badge>
  );
}

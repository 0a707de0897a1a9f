import { Badge } from '@mantine/core';
import { SYSTEM_KINDS, type ServiceReviewStatus } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';

export const KINDS = SYSTEM_KINDS;

const COLOUR: Record<ServiceReviewStatus, string> = {
  pending: 'yellow',
  approved: 'green',
  approved_with_conditions: 'teal',
  refused: 'red',
};

export function ReviewStatusBadge({ status }: { status: ServiceReviewStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOUR[status]} variant="light" data-testid="review-status">
      {t(`systemPages.review.status.${status}`)}
    </Badge>
  );
}

export function YesNo({ value }: { value: boolean }) {
  const { t } = useTranslation();
  return <>{t(value ? 'systemPages.yes' : 'systemPages.no')}</>;
}

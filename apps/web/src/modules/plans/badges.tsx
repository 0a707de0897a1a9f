import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanSummary } from './api';

export function PlanStatusBadge({ status }: { status: PlanSummary['status'] }) {
  const { t } = useTranslation();
  const color = { draft: 'yellow', published: 'green', superseded: 'gray' }[status];
  return (
    <Badge color={color} data-testid="plan-status">
      {t(`plans.statuses.${status}`)}
    </Badge>
  );
}

import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<string, string> = { draft: 'gray', review: 'blue', approved: 'green' };

export function SoaStatusBadge({ status, testId = 'soa-status' }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" data-testid={testId} data-status={status}>
      {t(`soa.status.${status}`)}
    </Badge>
  );
}

const IMPL_COLOR: Record<string, string> = { not_started: 'red', partial: 'orange', implemented: 'green' };
export function ImplBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={IMPL_COLOR[status] ?? 'gray'} variant="light">
      {t(`soa.impl.${status}`)}
    </Badge>
  );
}

/** The catalogue key of an applicability decision. */
export const decisionOf = (a: unknown) => (a === null || a === undefined ? 'undecided' : a ? 'yes' : 'no');

import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fmtScore } from './api';

const TIER_COLOR = { high: 'red', medium: 'orange', low: 'gray' } as const;
export function TierBadge({ tier }: { tier: keyof typeof TIER_COLOR }) {
  const { t } = useTranslation();
  return (
    <Badge color={TIER_COLOR[tier]} variant="light" data-testid="tier" data-tier={tier}>
      {t(`partners.tier.${tier}`)}
    </Badge>
  );
}

/** Score with pass/fail colour when a verdict is known. */
export function ScoreBadge({ score, passed }: { score: number | null; passed?: boolean | null }) {
  const color = passed === true ? 'green' : passed === false ? 'red' : 'blue';
  return (
    <Badge color={color} variant="light" data-testid="score">
      {fmtScore(score)}
    </Badge>
  );
}

const STATUS_COLOR: Record<string, string> = {
  draft: 'gray',
  submitted: 'blue',
  reopened: 'orange',
  closed: 'green',
  open: 'orange',
  answered: 'blue',
  returned: 'red',
  accepted: 'green',
};
/** An assessment or improvement-request status. */
export function StatusBadge({ status, kind }: { status: string; kind: 'assessment' | 'ir' }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" data-testid="status" data-status={status}>
      {t(`partners.${kind}Status.${status}`)}
    </Badge>
  );
}

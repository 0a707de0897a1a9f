import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Assessment, fmtScore } from './api';

const TIER_COLOR = { high: 'red', medium: 'orange', low: 'gray' } as const;
export function TierBadge({ tier }: { tier: keyof typeof TIER_COLOR }) {
  const { t } = useTranslation();
  return (
    <Badge color={TIER_COLOR[tier]} variant="light" data-testid="tier" data-tier={tier}>
      {t(`partners.tier.${tier}`)}
    </Badge>
  );
}

/**
 * A score that says its verdict: below the tier's threshold or failed on a critical item is red and says so in
 * words (not by colour alone), a passing one green, one without a verdict neutral.
 */
export function ScoreBadge({ score, passed }: { score: number | null; passed?: boolean | null }) {
  const { t } = useTranslation();
  // A failed score is outlined in shade 9 (readable on striped and hovered rows), the others light badges.
  const color = passed === true ? 'green' : passed === false ? 'red.9' : 'gray';
  return (
    <Badge
      color={color}
      variant={passed === false ? 'outline' : 'light'}
      data-testid="score"
      data-passed={passed === undefined || passed === null ? 'unknown' : String(passed)}
    >
      {fmtScore(score)}
      {passed === false && ` · ${t('partners.score.failed')}`}
      {passed === true && ` · ${t('partners.score.passed')}`}
    </Badge>
  );
}

/** Why a scored sheet failed, in words: below its threshold, and/or critical requirements answered "not implemented". */
export function FailReason({ a }: { a: Pick<Assessment, 'passed' | 'score' | 'threshold' | 'items'> }) {
  const { t } = useTranslation();
  if (a.passed !== false) return null;
  const critical = a.items.filter((i) => i.critical && i.value === 'not_implemented').map((i) => i.requirementId);
  const below = a.score !== null && a.threshold !== null && a.score < a.threshold;
  return (
    <Text size="sm" c="red.9" data-testid="fail-reason">
      {[
        below && t('partners.score.belowThreshold', { threshold: a.threshold }),
        critical.length > 0 && t('partners.score.criticalMissed', { ids: critical.join(', ') }),
      ]
        .filter(Boolean)
        .join(' / ')}
    </Text>
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

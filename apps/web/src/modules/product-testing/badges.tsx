import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TestFinding } from './api';

const STATUS_COLORS = {
  open: 'red',
  fixed_pending_retest: 'orange',
  closed: 'green',
  acceptance_requested: 'violet',
  accepted: 'grape',
  false_positive: 'gray',
} as const;

export function TestFindingStatusBadge({ finding }: { finding: TestFinding }) {
  const { t } = useTranslation();
  const expired = finding.acceptanceExpired;
  return (
    <Badge color={expired ? 'red' : STATUS_COLORS[finding.status]} variant="light" data-testid="test-finding-status">
      {expired ? t('testing.status.expired') : t(`testing.status.${finding.status}`)}
    </Badge>
  );
}

/**
 * Days to fix an open finding by severity (the PSIRT's remediation targets, docs/product-testing.md): the age since
 * it was first seen is shown red once past the target, orange in its last quarter.
 */
export const SLA_DAYS = { critical: 7, high: 30, medium: 90, low: 180 } as const;

export function SlaAge({ finding, today }: { finding: TestFinding; today: string }) {
  const { t } = useTranslation();
  const live = ['open', 'fixed_pending_retest', 'acceptance_requested'].includes(finding.status);
  const days = Math.max(0, Math.round((Date.parse(today) - Date.parse(finding.firstSeenOn)) / 86_400_000));
  const sla = SLA_DAYS[finding.severity];
  const color = !live ? 'dimmed' : days > sla ? 'red.8' : days > sla * 0.75 ? 'orange.9' : undefined;
  return (
    <Text size="xs" c={color} data-testid="test-finding-age" data-over={live && days > sla}>
      {t('testing.findings.age', { days, sla })}
    </Text>
  );
}

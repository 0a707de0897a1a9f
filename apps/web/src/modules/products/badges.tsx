import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Finding, Release, Severity, Stage } from './api';

const SEVERITY_COLORS = { low: 'green', medium: 'yellow', high: 'orange', critical: 'red' } as const;
const RISK_COLORS = { low: 'green', medium: 'yellow', high: 'red' } as const;
const FINDING_COLORS = { open: 'red', fixed: 'green', risk_accepted: 'grape', false_positive: 'gray' } as const;
const RELEASE_COLORS = { planned: 'blue', shipped: 'green', withdrawn: 'gray' } as const;

export function SeverityBadge({ severity, testId }: { severity: Severity; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLORS[severity]} variant="light" data-testid={testId}>
      {t(`products.severity.${severity}`)}
    </Badge>
  );
}

export function RiskBadge({ level }: { level: keyof typeof RISK_COLORS }) {
  const { t } = useTranslation();
  return (
    <Badge color={RISK_COLORS[level]} variant="light">
      {t(`products.risk.${level}`)}
    </Badge>
  );
}

export function FindingStatusBadge({ status }: { status: Finding['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={FINDING_COLORS[status]} variant="light" data-testid="finding-status">
      {t(`products.findingStatus.${status}`)}
    </Badge>
  );
}

export function ReleaseStatusBadge({ status }: { status: Release['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={RELEASE_COLORS[status]} variant="light" data-testid="release-status">
      {t(`products.releaseStatus.${status}`)}
    </Badge>
  );
}

export function StageBadge({ stage, testId }: { stage: Stage; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color="indigo" variant="outline" data-testid={testId}>
      {t(`products.stage.${stage}`)}
    </Badge>
  );
}

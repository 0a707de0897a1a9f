import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SeverityBadge } from '../psirt/SeverityBadge';
import type { AffectedProduct, Vulnerability } from './api';

const STATUS_COLOR: Record<Vulnerability['status'], string> = {
  new: 'red',
  triage: 'orange',
  investigating: 'yellow',
  remediating: 'blue',
  disclosed: 'teal',
  closed: 'gray',
  rejected: 'gray',
  duplicate: 'gray',
};

export function CaseStatusBadge({ status, testId }: { status: Vulnerability['status']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid={testId} data-status={status}>
      {t(`psirtCases.status.${status}`)}
    </Badge>
  );
}

const PRODUCT_COLOR: Record<AffectedProduct['status'], string> = {
  under_investigation: 'yellow',
  affected: 'red',
  not_affected: 'gray',
  fixed: 'green',
};

export function ProductStatusBadge({ status }: { status: AffectedProduct['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRODUCT_COLOR[status]} variant="light" data-status={status}>
      {t(`psirt.productStatus.${status}`)}
    </Badge>
  );
}

type Cvss = Vulnerability['cvss40'];

/** A score with its severity, or a dash; the vector on hover. */
export function CvssScoreText({ cvss, testId }: { cvss: Cvss; testId?: string }) {
  if (!cvss) return <Text size="sm">—</Text>;
  return (
    <Group gap={6} wrap="nowrap" title={cvss.vector} data-testid={testId}>
      <Text size="sm" fw={600}>
        {cvss.score.toFixed(1)}
      </Text>
      <SeverityBadge severity={cvss.severity} />
    </Group>
  );
}

import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { VulnSeverity } from '@mamori/contracts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import type { AssessmentFinding } from './assessments-api';

const SEVERITY_COLOUR: Record<VulnSeverity, string> = { critical: 'red', high: 'orange', medium: 'yellow', low: 'gray' };

export function SeverityBadge({ severity }: { severity: VulnSeverity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLOUR[severity]} variant="light" data-testid="finding-severity">
      {t(`assessmentPages.severity.${severity}`)}
    </Badge>
  );
}

/** The SLA state: overdue red, due soon amber, else the due date; fixed and accepted findings say so. */
export function SlaBadge({ finding }: { finding: AssessmentFinding }) {
  const { t } = useTranslation();
  if (finding.state !== 'open')
    return (
      <Badge color={finding.state === 'fixed' ? 'green' : 'blue'} variant="light" data-testid="finding-state">
        {t(`assessmentPages.state.${finding.state}`)}
      </Badge>
    );
  const colour = finding.overdue ? 'red' : finding.dueSoon ? 'yellow' : 'gray';
  const label = finding.overdue
    ? `${t('assessmentPages.overdue')} · ${finding.dueOn}`
    : finding.dueSoon
      ? `${t('assessmentPages.dueSoon')} · ${finding.dueOn}`
      : t('assessmentPages.due', { date: finding.dueOn });
  return (
    <Badge color={colour} variant="light" data-testid={finding.overdue ? 'sla-overdue' : finding.dueSoon ? 'sla-soon' : 'sla-ok'}>
      {label}
    </Badge>
  );
}

/** One finding as a row that wraps on a phone: title (link), system and location, severity, KEV, SLA. */
export function FindingRow({ finding }: { finding: AssessmentFinding }) {
  const { t } = useTranslation();
  const name = useLocalName();
  return (
    <Group justify="space-between" wrap="wrap" gap="xs" data-testid="finding-row">
      <Stack gap={0} style={{ minWidth: 0, flex: '1 1 16rem' }}>
        <Anchor
          component={Link}
          to={`/assessment-findings/${finding.id}`}
          style={{ overflowWrap: 'anywhere' }}
          data-testid="finding-link"
        >
          {finding.title}
        </Anchor>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {name(finding.system)} · {finding.location || '-'} {finding.cves.length ? `· ${finding.cves.join(', ')}` : ''}
        </Text>
      </Stack>
      <Group gap={4} wrap="wrap">
        <SeverityBadge severity={finding.severity} />
        {finding.knownExploited && (
          <Badge color="red" variant="outline" data-testid="finding-kev">
            {t('assessmentPages.kev')}
          </Badge>
        )}
        <SlaBadge finding={finding} />
      </Group>
    </Group>
  );
}

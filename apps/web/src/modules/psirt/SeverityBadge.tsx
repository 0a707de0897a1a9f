import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AdvisorySummary } from './api';

const COLORS = { none: 'gray', low: 'green', medium: 'yellow', high: 'orange', critical: 'red' } as const;

export function SeverityBadge({ severity }: { severity: AdvisorySummary['severity'] }) {
  const { t } = useTranslation();
  if (!severity) return null;
  return (
    <Badge color={COLORS[severity]} variant="light">
      {t(`psirt.severity.${severity}`)}
    </Badge>
  );
}

import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const FEASIBILITY_COLORS = { very_low: 'gray', low: 'green', medium: 'yellow', high: 'red' } as const;
const IMPACT_COLORS = { negligible: 'gray', moderate: 'yellow', major: 'orange', severe: 'red' } as const;
const RISK_COLORS = ['', 'green', 'lime', 'yellow', 'orange', 'red'] as const;

export function FeasibilityBadge({ value }: { value: keyof typeof FEASIBILITY_COLORS | null }) {
  const { t } = useTranslation();
  if (!value) return <span>{t('tara.unrated')}</span>;
  return (
    <Badge color={FEASIBILITY_COLORS[value]} variant="light" data-testid="feasibility">
      {t(`tara.feasibility.${value}`)}
    </Badge>
  );
}

export function ImpactBadge({ value }: { value: keyof typeof IMPACT_COLORS | null }) {
  const { t } = useTranslation();
  if (!value) return <span>{t('tara.unrated')}</span>;
  return (
    <Badge color={IMPACT_COLORS[value]} variant="light">
      {t(`tara.impact.${value}`)}
    </Badge>
  );
}

export function RiskValueBadge({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null) return <span>{t('tara.unrated')}</span>;
  return (
    <Badge color={RISK_COLORS[value] ?? 'gray'} variant="light" data-testid="risk-value">
      {t('tara.riskValue', { value })}
    </Badge>
  );
}

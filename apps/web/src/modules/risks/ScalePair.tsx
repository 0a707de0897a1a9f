import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Option = { value: string; label: string };

/**
 * The likelihood and impact of one assessment (inherent or residual) as two selects showing the method's scale
 * labels. Field names, test ids and error keys follow the basis: `inherentLikelihood`, `risk-inherent-impact`…
 */
export function ScalePair({
  basis,
  likelihood,
  impact,
  onLikelihood,
  onImpact,
  scale,
  errors,
  readOnly,
}: {
  basis: 'inherent' | 'residual';
  likelihood: string | null;
  impact: string | null;
  onLikelihood: (v: string | null) => void;
  onImpact: (v: string | null) => void;
  scale: (axis: 'likelihood' | 'impact') => Option[];
  errors: Record<string, string | undefined>;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const field = (axis: 'likelihood' | 'impact') => {
    const key = `${basis}${axis === 'likelihood' ? 'Likelihood' : 'Impact'}`;
    return {
      label: t(`risks.field.${key}`),
      required: true,
      data: scale(axis),
      error: errors[key],
      readOnly,
      'data-testid': `risk-${basis}-${axis}`,
    };
  };
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select {...field('likelihood')} value={likelihood} onChange={onLikelihood} />
      <Select {...field('impact')} value={impact} onChange={onImpact} />
    </SimpleGrid>
  );
}

import { Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { type ProductDetail, useThreats } from './api';
import { AssetsSection } from './AssetsSection';
import { ThreatReviews } from './ThreatReviews';
import { ThreatsSection } from './ThreatsSection';

/**
 * The product's threat analysis: what is to be protected, the STRIDE threats against it with their attack
 * paths, likelihood, impact, mitigations and residual risk, and the review at each stage gate.
 */
export function ThreatsPanel({ product, canManage }: { product: ProductDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const analysis = useThreats(product.id);
  if (analysis.isPending) return <Loader />;
  if (!analysis.data) return <ProblemAlert error={analysis.error} />;
  return (
    <Stack data-testid="threat-analysis">
      <Text size="sm" c="dimmed">
        {t('products.threats.intro')}
      </Text>
      <AssetsSection productId={product.id} assets={analysis.data.assets} canManage={canManage} />
      <ThreatsSection product={product} analysis={analysis.data} canManage={canManage} />
      <ThreatReviews product={product} reviews={analysis.data.reviews} canManage={canManage} />
    </Stack>
  );
}

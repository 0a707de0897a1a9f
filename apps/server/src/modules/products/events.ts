import { txEvent } from '../../platform/records/tx-events';

/**
 * A product's EU Cyber Resilience Act attributes changed (craInScope, euMarketSince, craCategory, supportPeriodEnd,
 * mainEstablishment, euMarkets), published in the transaction of the change. The vulnerabilities domain follows it:
 * the CRA clocks of the open cases naming the product are recomputed at once (docs/psirt.md).
 */
export interface ProductCraChange {
  productId: string;
  code: string;
  /** the CRA fields whose value changed, with their values before and after */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export const productCraChanged = txEvent<ProductCraChange>('product.cra-changed');

/**
 * The advisory lock a CRA change of a product takes exclusively before it locks the product, and that a case change
 * linking the product takes shared before it locks the case: the two then queue instead of deadlocking (the link's
 * foreign key locks the product row while the product's change waits for the case).
 */
export const productCraLockName = (productId: string) => `product-cra:${productId}`;

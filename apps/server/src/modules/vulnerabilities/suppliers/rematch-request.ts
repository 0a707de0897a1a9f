import type { SupplierRematchQueued } from '@mamori/contracts';
import { enqueue } from '../../../platform/jobs/queue';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { supplierAdvisoriesRematchJob } from './job';

/**
 * The PSIRT asks for every advisory to be matched again now (after uploading SBOMs, say). One queued run per minute
 * at most: asking twice within a minute queues nothing more.
 */
export function requestRematch(ctx: Ctx): Promise<SupplierRematchQueued> {
  return inTransaction(ctx, async (tx, audit) => {
    const now = new Date();
    await enqueue(
      tx,
      supplierAdvisoriesRematchJob,
      { full: true },
      { uniqueKey: `${supplierAdvisoriesRematchJob.kind}:asked@${Math.floor(now.getTime() / 60_000)}` },
    );
    await audit({ action: 'supplier_advisories.rematch', targetType: 'supplier_advisory', targetId: null });
    return { queuedAt: now.toISOString() };
  });
}

import type { PartnerTier, TierThresholds, UpdateTierThresholdsBody } from '@mamori/contracts';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { partnerTierThresholds } from '../tables';

type Thresholds = z.infer<typeof TierThresholds>;
type Tier = z.infer<typeof PartnerTier>;

/** Pass marks until the security office sets its own: the more is shared, the higher the bar. */
export const DEFAULT_THRESHOLDS: Thresholds = { high: 80, medium: 70, low: 60 };

export async function getThresholds(db: Db): Promise<Thresholds> {
  const rows = await db.select().from(partnerTierThresholds);
  return { ...DEFAULT_THRESHOLDS, ...Object.fromEntries(rows.map((r) => [r.tier, r.threshold])) };
}

export const thresholdFor = async (db: Db, tier: Tier) => (await getThresholds(db))[tier];

export function updateThresholds(ctx: Ctx, body: z.infer<typeof UpdateTierThresholdsBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const before = await getThresholds(tx);
    for (const [tier, threshold] of Object.entries(body) as [Tier, number][])
      await tx
        .insert(partnerTierThresholds)
        .values({ tier, threshold })
        .onConflictDoUpdate({ target: partnerTierThresholds.tier, set: { threshold, updatedAt: new Date() } });
    const after = await getThresholds(tx);
    await audit({ action: 'partner_thresholds.update', targetType: 'partner_thresholds', targetId: 'tiers', before, after });
    return after;
  });
}

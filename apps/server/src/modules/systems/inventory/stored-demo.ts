import { eq } from 'drizzle-orm';
import type { DemoContext, UnitRow } from '../../../demo/types';
import { assetsOfUnit, effectiveClassification } from '../../assets/service';
import { approvedServices, systemAssets, systems } from '../tables';
import { recomputeAboveClass } from './above-class';

/**
 * The demo's "asset above the approved class": the machine-translation service TransLingo, approved for internal
 * information only, is recorded with two of the information systems department's assets — one internal, one
 * confidential — so the systems page shows the finding and which asset is above the approval.
 */
export async function loadDemoStoredAssets(ctx: DemoContext, isd: UnitRow): Promise<number> {
  const [approval] = await ctx.tx.select().from(approvedServices).where(eq(approvedServices.serviceName, 'TransLingo'));
  if (!approval) return 0;
  const scheme = await effectiveClassification(ctx.tx, isd.id);
  const rank = (code: string) => scheme.classes.find((c) => c.code === code)?.rank ?? 0;
  const limit = rank(approval.maxClassCode);
  const units = [...ctx.units.values()].filter((u) => u.path.startsWith(isd.path));
  const candidates = (await Promise.all(units.map((u) => assetsOfUnit(ctx.tx, u.id, 20)))).flat();
  const within = candidates.find((a) => rank(a.classCode) === limit);
  const above = candidates.find((a) => rank(a.classCode) === limit + 1);
  const admin = ctx.users.find((u) => u.person.orgUnitId === isd.id)?.person.id ?? null;
  const [system] = await ctx.tx
    .insert(systems)
    .values({
      name: 'TransLingo (machine translation)',
      kind: 'saas',
      unitId: isd.id,
      unitPath: isd.path,
      administratorPersonId: admin,
      maxClassCode: approval.maxClassCode,
      internetFacing: true,
      approvedServiceId: approval.id,
      epp: false,
      mfa: true,
      backupFrequency: 'none',
      logRetentionDays: 90,
      notes: '取扱説明書の機械翻訳 / Machine translation of product manuals',
    })
    .returning();
  const stored = [within, above].filter((a) => a !== undefined);
  if (stored.length) await ctx.tx.insert(systemAssets).values(stored.map((a) => ({ systemId: system!.id, assetId: a.id })));
  await recomputeAboveClass(ctx.tx, [system!.id]);
  await ctx.audit({
    action: 'system.assets',
    targetType: 'system',
    targetId: system!.id,
    orgPath: isd.path,
    after: { assetIds: stored.map((a) => a.id) },
  });
  return stored.length;
}

import type { AssetDetail, CreateAssetBody, UpdateAssetBody } from '@mamori/contracts';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { recordRead } from '../../../platform/audit/record';
import { conflict, msg, notFound } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { effectiveSetting } from '../../../platform/settings/effective';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { partnersByIds } from '../../partners/service';
import { checkZoneForAsset } from '../../zones/service';
import { classificationSetting } from '../classification/settings';
import { assetPartners, assets } from '../tables';
import { checkAsset, myPersonId } from './check';
import { assetAuditView, presentAsset, selectLedger, type LedgerRow } from './present';
import { canManage, canSee } from './visibility';

/** One asset as the reader may see it (need-to-know: ledger/visibility.ts); 404 otherwise. */
async function loadVisible(db: Db, ctx: Ctx, id: string): Promise<LedgerRow> {
  const [row] = await selectLedger(db).where(eq(assets.id, id));
  if (!row) throw notFound();
  const scheme = (await effectiveSetting(db, classificationSetting, row.asset.unitId)).value;
  if (!canSee(ctx, scheme, row.asset, await myPersonId(db, ctx))) throw notFound();
  return row;
}

/** The asset for a change: locked, visible and inside the writer's assets:manage scope; If-Match checked. */
async function loadForChange(tx: Db, ctx: Ctx, id: string, expected: Precondition) {
  const row = await loadForUpdate(tx, assets, id, () => loadVisible(tx, ctx, id), expected);
  if (!canManage(ctx, row.asset)) throw notFound();
  if (row.asset.status === 'disposed') throw conflict(msg('assets.disposed'));
  return row;
}

async function detail(db: Db, ctx: Ctx, row: LedgerRow): Promise<AssetDetail> {
  const a = row.asset;
  const refs = (rs: (typeof assets.$inferSelect)[]) =>
    rs.map((r) => ({ id: r.id, name: r.name, unitId: r.unitId, status: r.status }));
  const original = a.originalId ? await db.select().from(assets).where(eq(assets.id, a.originalId)) : [];
  const copies = await db.select().from(assets).where(eq(assets.originalId, a.id)).orderBy(asc(assets.name), asc(assets.id));
  const shares = await db.select().from(assetPartners).where(eq(assetPartners.assetId, a.id));
  const partners = new Map(
    (
      await partnersByIds(
        db,
        shares.map((s) => s.partnerId),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    ...presentAsset(row),
    original: refs(original)[0] ?? null,
    copyList: refs(copies),
    partners: shares.map((s) => ({
      partnerId: s.partnerId,
      partnerNameJa: partners.get(s.partnerId)?.nameJa ?? '',
      partnerNameEn: partners.get(s.partnerId)?.nameEn ?? '',
      encrypted: s.encrypted,
      approvedBy: s.approvedBy,
      approvedOn: s.approvedOn,
      sharedAt: s.sharedAt.toISOString(),
    })),
    can: { manage: canManage(ctx, a) && a.status === 'active' },
  };
}

/**
 * The asset's page. Opening an asset of rank ≥ the scheme's `auditReadsFromRank` (極秘, 秘) writes an
 * `asset.read` audit event (2-4-4: who read it, when).
 */
export async function getAsset(ctx: Ctx, id: string): Promise<AssetDetail> {
  const row = await loadVisible(ctx.db, ctx, id);
  const scheme = (await effectiveSetting(ctx.db, classificationSetting, row.asset.unitId)).value;
  const rank = scheme.classes.find((c) => c.code === row.asset.classCode)?.rank;
  if (rank !== undefined && rank >= scheme.auditReadsFromRank)
    await recordRead(ctx.db, ctx.actor, {
      action: 'asset.read',
      targetType: 'asset',
      targetId: id,
      orgPath: row.asset.unitPath,
      detail: { classCode: row.asset.classCode },
    });
  return detail(ctx.db, ctx, row);
}

export function createAsset(ctx: Ctx, body: CreateAssetBody): Promise<AssetDetail> {
  return inTransaction(ctx, async (tx, audit) => {
    const checked = await checkAsset(tx, ctx, body, { customChanged: true });
    const [row] = await tx
      .insert(assets)
      .values({ ...body, unitPath: checked.unitPath, custom: checked.custom, searchText: checked.searchText })
      .returning();
    await audit({
      action: 'asset.create',
      targetType: 'asset',
      targetId: row!.id,
      orgPath: row!.unitPath,
      after: assetAuditView(row!),
    });
    const [fresh] = await selectLedger(tx).where(eq(assets.id, row!.id));
    return detail(tx, ctx, fresh!);
  });
}

export function updateAsset(ctx: Ctx, id: string, body: UpdateAssetBody, expected: Precondition): Promise<AssetDetail> {
  return inTransaction(ctx, async (tx, audit) => {
    const before = (await loadForChange(tx, ctx, id, expected)).asset;
    const merged = { ...before, ...body };
    const checked = await checkAsset(
      tx,
      ctx,
      { ...merged, custom: body.custom ?? before.custom },
      { customChanged: body.custom !== undefined, selfId: id, baseCustom: before.custom },
    );
    // a class above the limit of the zone where the asset is kept is refused (zones/service.ts)
    if (body.classCode !== undefined && body.classCode !== before.classCode)
      await checkZoneForAsset(tx, { id, name: merged.name }, body.classCode);
    const [after] = await tx
      .update(assets)
      .set({ ...body, unitPath: checked.unitPath, custom: checked.custom, searchText: checked.searchText, updatedAt: new Date() })
      .where(eq(assets.id, id))
      .returning();
    await audit({
      action: 'asset.update',
      targetType: 'asset',
      targetId: id,
      orgPath: after!.unitPath,
      before: assetAuditView(before),
      after: assetAuditView(after!),
    });
    const [fresh] = await selectLedger(tx).where(eq(assets.id, id));
    return detail(tx, ctx, fresh!);
  });
}

/** Disposal: the asset stays in the ledger as 'disposed' with the day and the method; it can no longer change. */
export function disposeAsset(
  ctx: Ctx,
  id: string,
  body: { disposedOn: string; method: string },
  expected: Precondition,
): Promise<AssetDetail> {
  return inTransaction(ctx, async (tx, audit) => {
    const before = (await loadForChange(tx, ctx, id, expected)).asset;
    const [after] = await tx
      .update(assets)
      .set({ status: 'disposed', disposedOn: body.disposedOn, disposedMethod: body.method, updatedAt: new Date() })
      .where(eq(assets.id, id))
      .returning();
    await audit({
      action: 'asset.dispose',
      targetType: 'asset',
      targetId: id,
      orgPath: after!.unitPath,
      before: assetAuditView(before),
      after: assetAuditView(after!),
    });
    const [fresh] = await selectLedger(tx).where(eq(assets.id, id));
    return detail(tx, ctx, fresh!);
  });
}

export { loadForChange, detail, loadVisible };

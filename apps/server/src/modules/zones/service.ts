import type { AttentionItem } from '@mamori/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import type { Principal } from '../../platform/access/principal';
import { fieldError, msg, unprocessable } from '../../platform/errors/app-error';
import { todayJst } from './bring-ins/requests';
import { zoneAssets, zones } from './tables';
import { limitProblem } from './zones/records';

/**
 * What other domains may use of the zones domain. The assets ledger calls `checkZoneForAsset` in its write path
 * (assets → zones/service.ts is the only import between the two in that direction).
 */

/**
 * Refuses (422, naming the asset, its class and the zone's limit) a class change of an asset kept in a zone whose
 * limit is below the new class. Call it inside the asset's write transaction, after the asset row is locked.
 */
export async function checkZoneForAsset(db: Db, asset: { id: string; name: string }, classCode: string): Promise<void> {
  const [zone] = await db
    .select({ z: zones })
    .from(zoneAssets)
    .innerJoin(zones, eq(zones.id, zoneAssets.zoneId))
    .where(eq(zoneAssets.assetId, asset.id))
    .for('share', { of: zones });
  if (!zone) return;
  const problem = await limitProblem(db, zone.z, classCode);
  if (problem)
    throw unprocessable(msg('zones.asset_above_limit', { asset: asset.name, ...problem }), [
      fieldError('body.classCode', 'zones.asset_above_limit', { asset: asset.name, ...problem }),
    ]);
}

/**
 * The same check for many assets at once (the ledger's import, before anything is staged): one problem per asset
 * whose new class is above the limit of the zone where it is kept.
 */
export async function zoneLimitProblems(
  db: Db,
  items: readonly { id: string; name: string; classCode: string }[],
): Promise<{ assetId: string; params: Record<string, string | { ja: string; en: string }> }[]> {
  const out: { assetId: string; params: Record<string, string | { ja: string; en: string }> }[] = [];
  for (let i = 0; i < items.length; i += 5000) {
    const batch = items.slice(i, i + 5000);
    const placed = await db
      .select({ assetId: zoneAssets.assetId, z: zones })
      .from(zoneAssets)
      .innerJoin(zones, eq(zones.id, zoneAssets.zoneId))
      .where(
        inArray(
          zoneAssets.assetId,
          batch.map((b) => b.id),
        ),
      );
    const zoneOf = new Map(placed.map((p) => [p.assetId, p.z]));
    for (const item of batch) {
      const zone = zoneOf.get(item.id);
      const problem = zone ? await limitProblem(db, zone, item.classCode) : null;
      if (problem) out.push({ assetId: item.id, params: { asset: item.name, ...problem } });
    }
  }
  return out;
}

/** The zone where an asset is kept (for the asset's page), or null. */
export async function zoneOfAsset(db: Db, assetId: string): Promise<{ id: string; nameJa: string; nameEn: string } | null> {
  const [row] = await db
    .select({ id: zones.id, nameJa: zones.nameJa, nameEn: zones.nameEn })
    .from(zoneAssets)
    .innerJoin(zones, eq(zones.id, zoneAssets.zoneId))
    .where(eq(zoneAssets.assetId, assetId));
  return row ?? null;
}

/**
 * Needs my attention: bring-ins waiting for my decision as a zone's owner (due: their first day), and the daily
 * check's open findings in zones I own (due: the day found). One statement, on the owner index of zones.
 */
export async function attentionFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  const today = todayJst();
  const name = sql.raw(principal.language === 'en' ? "coalesce(nullif(m.name_en, ''), m.name_ja)" : 'm.name_ja');
  const rows = await queryRows<{ kind: string; id: string; title: string; due: string; zone_id: string }>(
    db,
    sql`WITH mine AS (
        SELECT z.id, z.name_ja, z.name_en FROM users u JOIN zones z ON z.owner_person_id = u.person_id WHERE u.id = ${principal.userId})
      (SELECT 'bringInToApprove' AS kind, b.id::text AS id, b.bringer_name || ' → ' || ${name} AS title,
              b.period_from::text AS due, m.id::text AS zone_id
         FROM bring_ins b JOIN mine m ON m.id = b.zone_id
        WHERE b.status = 'pending' AND b.period_to >= ${today}::date)
      UNION ALL
      (SELECT 'zoneFinding', f.id::text, ${name}, f.found_on::text, m.id::text
         FROM zone_findings f JOIN mine m ON m.id = f.zone_id
        WHERE f.closed_at IS NULL)
      ORDER BY due, id LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    domain: 'zones',
    kind: r.kind,
    id: r.id,
    title: r.title,
    dueAt: `${r.due}T00:00:00+09:00`,
    overdue: r.kind === 'bringInToApprove' ? r.due < today : false,
    href: r.kind === 'bringInToApprove' ? `/bring-ins/${r.id}` : `/zones/${r.zone_id}`,
  }));
}

/** The zones with these ids, with their site (the systems inventory places factory equipment in a zone). */
export async function zonesByIds(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; siteId: string; sitePath: string; nameJa: string; nameEn: string }[]> {
  if (!ids.length) return [];
  return db
    .select({ id: zones.id, siteId: zones.siteId, sitePath: zones.sitePath, nameJa: zones.nameJa, nameEn: zones.nameEn })
    .from(zones)
    .where(inArray(zones.id, [...new Set(ids)]));
}

/** The zones of these sites, by code (the systems demo stands factory equipment in a restricted zone of its site). */
export async function zonesOfSites(
  db: Db,
  siteIds: readonly string[],
): Promise<{ id: string; siteId: string; kind: string; code: string }[]> {
  if (!siteIds.length) return [];
  return db
    .select({ id: zones.id, siteId: zones.siteId, kind: zones.kind, code: zones.code })
    .from(zones)
    .where(inArray(zones.siteId, [...new Set(siteIds)]))
    .orderBy(zones.code);
}

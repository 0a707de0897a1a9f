import type { ClassificationScheme, CreateZoneBody, UpdateZoneBody, Zone } from '@mamori/contracts';
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import { fieldError, invalid, msg, notFound, unprocessable, type FieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { assetsByIds, effectiveClassification } from '../../assets/service';
import { orgUnits, people } from '../../org/tables';
import { canKeepVisitors, canManageSite, canReadSite, readableSql } from '../access';
import { kindLevel, kindName } from '../catalog';
import { zoneAssets, zoneEntrants, zones } from '../tables';

export type ZoneRow = typeof zones.$inferSelect;

/** The rank of a class in the scheme (higher is more sensitive); null when the scheme has no such class. */
export const rankOf = (scheme: ClassificationScheme, code: string) => scheme.classes.find((c) => c.code === code)?.rank ?? null;
export const className = (scheme: ClassificationScheme, code: string) => {
  const c = scheme.classes.find((x) => x.code === code);
  return c ? { ja: c.nameJa, en: c.nameEn } : code;
};
const zoneName = (z: Pick<ZoneRow, 'nameJa' | 'nameEn'>) => ({ ja: z.nameJa, en: z.nameEn });

/** Zones with their names resolved, as the reader may see them (`can` from the reader's scope and person). */
async function present(db: Db, ctx: Ctx, rows: ZoneRow[]): Promise<Zone[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const personIds = [...new Set(rows.map((r) => r.ownerPersonId))];
  const entrants = await db
    .select({ zoneId: zoneEntrants.zoneId, id: people.id, nameJa: people.nameJa, nameEn: people.nameEn })
    .from(zoneEntrants)
    .innerJoin(people, eq(people.id, zoneEntrants.personId))
    .where(inArray(zoneEntrants.zoneId, ids))
    .orderBy(asc(people.nameEn));
  const owners = new Map(
    (
      await db
        .select({ id: people.id, nameJa: people.nameJa, nameEn: people.nameEn })
        .from(people)
        .where(inArray(people.id, personIds))
    ).map((p) => [p.id, p]),
  );
  const sites = new Map(
    (
      await db
        .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
        .from(orgUnits)
        .where(inArray(orgUnits.id, [...new Set(rows.map((r) => r.siteId))]))
    ).map((s) => [s.id, s]),
  );
  const counts = new Map(
    (
      await db
        .select({ zoneId: zoneAssets.zoneId, n: count() })
        .from(zoneAssets)
        .where(inArray(zoneAssets.zoneId, ids))
        .groupBy(zoneAssets.zoneId)
    ).map((c) => [c.zoneId, Number(c.n)]),
  );
  const me = ctx.principal ? await personOf(db, ctx.principal.userId) : null;
  return rows.map((r) => ({
    id: r.id,
    rowVersion: r.rowVersion,
    siteId: r.siteId,
    siteNameJa: sites.get(r.siteId)?.nameJa ?? '',
    siteNameEn: sites.get(r.siteId)?.nameEn ?? '',
    parentId: r.parentId,
    kind: r.kind,
    code: r.code,
    nameJa: r.nameJa,
    nameEn: r.nameEn,
    maxClassCode: r.maxClassCode,
    owner: owners.get(r.ownerPersonId) ?? { id: r.ownerPersonId, nameJa: '', nameEn: '' },
    ownerUnitId: r.ownerUnitId,
    entryAll: r.entryAll,
    entryRoles: r.entryRoles,
    entryPeople: entrants.filter((e) => e.zoneId === r.id).map((e) => ({ id: e.id, nameJa: e.nameJa, nameEn: e.nameEn })),
    entryMethods: r.entryMethods,
    cameras: r.cameras,
    retentionDays: r.retentionDays,
    assetCount: counts.get(r.id) ?? 0,
    can: {
      manage: canManageSite(ctx.principal, r.sitePath),
      approve: me !== null && me === r.ownerPersonId,
      visitors: canKeepVisitors(ctx.principal, r.sitePath),
    },
  }));
}

export async function personOf(db: Db, userId: string): Promise<string | null> {
  const [u] = await db.select({ personId: users.personId }).from(users).where(eq(users.id, userId));
  return u?.personId ?? null;
}

/** A zone the reader may see (404 otherwise). */
export async function loadZone(db: Db, ctx: Ctx, id: string): Promise<ZoneRow> {
  const [row] = await db.select().from(zones).where(eq(zones.id, id));
  if (!row || !canReadSite(ctx.principal, row.sitePath)) throw notFound();
  return row;
}

/** A zone the writer manages, locked (If-Match checked): 404 when it cannot be seen, 403-free (a reader gets 404 too). */
async function loadForChange(tx: Db, ctx: Ctx, id: string, expected: Precondition): Promise<ZoneRow> {
  const row = await loadForUpdate(tx, zones, id, () => loadZone(tx, ctx, id), expected);
  if (!canManageSite(ctx.principal, row.sitePath)) throw notFound();
  return row;
}

export async function getZone(ctx: Ctx, id: string): Promise<Zone> {
  return (await present(ctx.db, ctx, [await loadZone(ctx.db, ctx, id)]))[0]!;
}

/**
 * The sites the reader's scope touches, each with its zones (parents before children, by kind then code). Sites
 * without zones are listed too when the reader manages them (to add the first one).
 */
export async function listZones(ctx: Ctx, q: { siteId?: string }) {
  const sites = await ctx.db
    .select({ id: orgUnits.id, path: orgUnits.path, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
    .from(orgUnits)
    .where(
      and(eq(orgUnits.kind, 'site'), readableSql(ctx.principal, orgUnits.path), q.siteId ? eq(orgUnits.id, q.siteId) : undefined),
    )
    .orderBy(asc(orgUnits.code));
  if (!sites.length) return [];
  const rows = await ctx.db
    .select()
    .from(zones)
    .where(
      inArray(
        zones.siteId,
        sites.map((s) => s.id),
      ),
    )
    .orderBy(asc(zones.code));
  const all = await present(ctx.db, ctx, rows);
  const level = (z: Zone) => kindLevel(z.kind);
  return sites
    .map((s) => ({
      id: s.id,
      nameJa: s.nameJa,
      nameEn: s.nameEn,
      zones: all.filter((z) => z.siteId === s.id).sort((a, b) => level(a) - level(b) || a.code.localeCompare(b.code)),
      manage: canManageSite(ctx.principal, s.path),
    }))
    .filter((s) => s.zones.length || s.manage)
    .map(({ manage: _m, ...s }) => s);
}

interface Checked {
  sitePath: string;
  scheme: ClassificationScheme;
}

/**
 * Checks what a zone refers to, naming every failing field (400, nothing written). Nesting: a zone may not be less
 * strict than the zone it lies inside (a reception cannot be inside a restricted area); its class limit is its own
 * (the server room inside an office floor holds more than the floor: docs/zones.md).
 */
async function checkZone(
  tx: Db,
  ctx: Ctx,
  z: Omit<CreateZoneBody, 'entryPersonIds'> & { entryPersonIds?: string[] },
  selfId: string | null,
): Promise<Checked> {
  const errors: FieldError[] = [];
  const [site] = await tx.select().from(orgUnits).where(eq(orgUnits.id, z.siteId));
  if (!site || !canManageSite(ctx.principal, site.path)) throw notFound();
  if (site.kind !== 'site')
    errors.push(fieldError('body.siteId', 'zones.not_a_site', { unit: { ja: site.nameJa, en: site.nameEn } }));
  const scheme = await effectiveClassification(tx, site.id);
  if (rankOf(scheme, z.maxClassCode) === null)
    errors.push(fieldError('body.maxClassCode', 'zones.class_unknown', { class: z.maxClassCode }));
  if (z.parentId) {
    const [parent] = await tx.select().from(zones).where(eq(zones.id, z.parentId));
    if (!parent || parent.siteId !== z.siteId) errors.push(fieldError('body.parentId', 'zones.parent_other_site'));
    else if (kindLevel(z.kind) < kindLevel(parent.kind))
      errors.push(
        fieldError('body.kind', 'zones.less_strict_than_parent', { kind: kindName(z.kind), parent: kindName(parent.kind) }),
      );
    else if (selfId && (await isDescendantOrSelf(tx, z.parentId, selfId)))
      errors.push(fieldError('body.parentId', 'zones.parent_cycle'));
  }
  if (selfId) {
    const children = await tx
      .select({ kind: zones.kind, nameJa: zones.nameJa, nameEn: zones.nameEn })
      .from(zones)
      .where(eq(zones.parentId, selfId));
    for (const c of children)
      if (kindLevel(c.kind) < kindLevel(z.kind))
        errors.push(fieldError('body.kind', 'zones.child_less_strict', { zone: zoneName(c), kind: kindName(c.kind) }));
  }
  const personIds = [...new Set([z.ownerPersonId, ...(z.entryPersonIds ?? [])])];
  const found = new Set(
    (
      await tx
        .select({ id: people.id })
        .from(people)
        .where(and(inArray(people.id, personIds), eq(people.status, 'active')))
    ).map((p) => p.id),
  );
  if (!found.has(z.ownerPersonId)) errors.push(fieldError('body.ownerPersonId', 'zones.person_unknown'));
  (z.entryPersonIds ?? []).forEach((p, i) => {
    if (!found.has(p)) errors.push(fieldError(`body.entryPersonIds.${i}`, 'zones.person_unknown'));
  });
  if (z.ownerUnitId) {
    const [u] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, z.ownerUnitId));
    if (!u) errors.push(fieldError('body.ownerUnitId', 'zones.unit_unknown'));
  }
  const [taken] = await tx
    .select({ id: zones.id })
    .from(zones)
    .where(and(eq(zones.siteId, z.siteId), eq(zones.code, z.code), selfId ? ne(zones.id, selfId) : undefined));
  if (taken) errors.push(fieldError('body.code', 'zones.code_taken', { code: z.code }));
  if (errors.length) throw invalid(errors);
  return { sitePath: site.path, scheme };
}

async function isDescendantOrSelf(tx: Db, candidate: string, root: string): Promise<boolean> {
  const rows = await tx.execute(sql`WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM zones WHERE id = ${candidate}
      UNION SELECT z.id, z.parent_id FROM zones z JOIN up ON z.id = up.parent_id)
    SELECT 1 FROM up WHERE id = ${root} LIMIT 1`);
  return (rows as unknown as { rows: unknown[] }).rows.length > 0;
}

const auditView = (z: ZoneRow, entrants: string[]) => ({
  kind: z.kind,
  code: z.code,
  nameJa: z.nameJa,
  nameEn: z.nameEn,
  parentId: z.parentId,
  maxClassCode: z.maxClassCode,
  ownerPersonId: z.ownerPersonId,
  entryAll: z.entryAll,
  entryRoles: z.entryRoles,
  entryPersonIds: entrants,
  entryMethods: z.entryMethods,
  cameras: z.cameras,
  retentionDays: z.retentionDays,
});

export function createZone(ctx: Ctx, body: CreateZoneBody): Promise<Zone> {
  return inTransaction(ctx, async (tx, audit) => {
    const { sitePath } = await checkZone(tx, ctx, body, null);
    const { entryPersonIds, ...fields } = body;
    const [row] = await tx
      .insert(zones)
      .values({ ...fields, sitePath })
      .returning();
    const entrants = [...new Set(entryPersonIds)];
    if (entrants.length) await tx.insert(zoneEntrants).values(entrants.map((personId) => ({ zoneId: row!.id, personId })));
    await audit({
      action: 'zone.create',
      targetType: 'zone',
      targetId: row!.id,
      orgPath: sitePath,
      after: auditView(row!, entrants),
    });
    return (await present(tx, ctx, [row!]))[0]!;
  });
}

/**
 * Changes a zone. Lowering its class limit below an asset kept there is refused (422 naming each such asset), as is
 * making it less strict than its parent or stricter than a child.
 */
export function updateZone(ctx: Ctx, id: string, body: UpdateZoneBody, expected: Precondition): Promise<Zone> {
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForChange(tx, ctx, id, expected);
    const beforeEntrants = (
      await tx.select({ id: zoneEntrants.personId }).from(zoneEntrants).where(eq(zoneEntrants.zoneId, id))
    ).map((e) => e.id);
    const merged = { ...before, ...body, entryPersonIds: body.entryPersonIds ?? beforeEntrants };
    const { scheme } = await checkZone(tx, ctx, merged, id);
    if (body.maxClassCode && body.maxClassCode !== before.maxClassCode)
      await refuseAssetsAbove(tx, id, scheme, body.maxClassCode);
    const { entryPersonIds, ...fields } = body;
    const [after] = await tx
      .update(zones)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(zones.id, id))
      .returning();
    if (entryPersonIds) {
      await tx.delete(zoneEntrants).where(eq(zoneEntrants.zoneId, id));
      const entrants = [...new Set(entryPersonIds)];
      if (entrants.length) await tx.insert(zoneEntrants).values(entrants.map((personId) => ({ zoneId: id, personId })));
    }
    await audit({
      action: 'zone.update',
      targetType: 'zone',
      targetId: id,
      orgPath: before.sitePath,
      before: auditView(before, beforeEntrants),
      after: auditView(after!, entryPersonIds ? [...new Set(entryPersonIds)] : beforeEntrants),
    });
    return (await present(tx, ctx, [after!]))[0]!;
  });
}

/** 422 naming every asset kept in the zone whose class is above `limit` (nothing changed). */
async function refuseAssetsAbove(tx: Db, zoneId: string, scheme: ClassificationScheme, limit: string) {
  const max = rankOf(scheme, limit)!;
  const kept = await tx.select({ assetId: zoneAssets.assetId }).from(zoneAssets).where(eq(zoneAssets.zoneId, zoneId));
  const above = (
    await assetsByIds(
      tx,
      kept.map((k) => k.assetId),
    )
  )
    .filter((a) => a.status === 'active' && (rankOf(scheme, a.classCode) ?? Infinity) > max)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (above.length)
    throw unprocessable(
      msg('zones.limit_below_assets', { count: above.length, limit: className(scheme, limit) }),
      above
        .slice(0, 100)
        .map((a) =>
          fieldError('body.maxClassCode', 'zones.asset_kept_above', { asset: a.name, class: className(scheme, a.classCode) }),
        ),
    );
}

/** The zone's limit against one asset class: null when it may be kept there, else the problem's values. */
export async function limitProblem(db: Db, zone: ZoneRow, classCode: string) {
  const scheme = await effectiveClassification(db, zone.siteId);
  const rank = rankOf(scheme, classCode);
  if (rank !== null && rank <= rankOf(scheme, zone.maxClassCode)!) return null;
  return { zone: zoneName(zone), class: className(scheme, classCode), limit: className(scheme, zone.maxClassCode) };
}

export { zoneName, loadForChange as loadZoneForChange };

import type { SystemFinding } from '@mamori/contracts';
import { and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../../db/sql';
import { escapeLike } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, encodeCursor } from '../../../platform/http/cursor';
import type { Ctx } from '../../../platform/tx';
import { peopleByIds, unitById } from '../../org/service';
import { orgUnits } from '../../org/tables';
import { canAt, inScopeSql } from '../access';
import { systemDevices, systemFindings, systems } from '../tables';

type Named = { id: string; nameJa: string; nameEn: string };
interface Counts {
  devices: number;
  withoutEdr: number;
  stalePattern: number;
  notSeen: number;
  systems: number;
  confidentialWithoutMfa: number;
}
const zero = (): Counts => ({ devices: 0, withoutEdr: 0, stalePattern: 0, notSeen: 0, systems: 0, confidentialWithoutMfa: 0 });
const FIELD = {
  no_edr: 'withoutEdr',
  stale_pattern: 'stalePattern',
  not_seen: 'notSeen',
  no_mfa: 'confidentialWithoutMfa',
} as const;

/**
 * Coverage per unit (the units that have devices or systems) or rolled up per site, in the reader's systems:read
 * scope: devices, systems and the open gaps by kind. Aggregated per unit in SQL (three grouped reads on the path
 * indexes), rolled up to the site in Node over the few thousand units, never per device.
 */
export async function coverageSummary(ctx: Ctx, by: 'unit' | 'site') {
  const perUnit = new Map<string, Counts>();
  const at = (id: string) => perUnit.get(id) ?? perUnit.set(id, zero()).get(id)!;
  const devices = await queryRows<{ unit_id: string; n: number }>(
    ctx.db,
    sql`SELECT unit_id, count(*)::int AS n FROM system_devices WHERE ${inScopeSql(ctx, 'systems:read', systemDevices.unitPath)} GROUP BY unit_id`,
  );
  for (const d of devices) at(d.unit_id).devices = d.n;
  const sys = await queryRows<{ unit_id: string; n: number }>(
    ctx.db,
    sql`SELECT unit_id, count(*)::int AS n FROM systems WHERE status = 'active' AND ${inScopeSql(ctx, 'systems:read', systems.unitPath)} GROUP BY unit_id`,
  );
  for (const s of sys) at(s.unit_id).systems = s.n;
  const gaps = await queryRows<{ unit_id: string; kind: keyof typeof FIELD; n: number }>(
    ctx.db,
    sql`SELECT unit_id, kind, count(*)::int AS n FROM system_findings
         WHERE closed_at IS NULL AND ${inScopeSql(ctx, 'systems:read', systemFindings.unitPath)} GROUP BY unit_id, kind`,
  );
  for (const g of gaps) at(g.unit_id)[FIELD[g.kind]] = g.n;
  if (!perUnit.size) return [];
  const units = await ctx.db
    .select({ id: orgUnits.id, path: orgUnits.path, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
    .from(orgUnits)
    .where(inArray(orgUnits.id, [...perUnit.keys()]));
  if (by === 'unit')
    return units
      .map((u) => ({ unit: { id: u.id, nameJa: u.nameJa, nameEn: u.nameEn }, ...perUnit.get(u.id)! }))
      .sort((a, b) => a.unit.nameEn.localeCompare(b.unit.nameEn));
  const sites = await ctx.db
    .select({ id: orgUnits.id, path: orgUnits.path, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'site'));
  const perSite = new Map<string, { unit: Named; counts: Counts }>();
  for (const u of units) {
    const site = sites.filter((s) => u.path.startsWith(s.path)).sort((a, b) => b.path.length - a.path.length)[0] ?? u;
    const entry =
      perSite.get(site.id) ??
      perSite.set(site.id, { unit: { id: site.id, nameJa: site.nameJa, nameEn: site.nameEn }, counts: zero() }).get(site.id)!;
    const c = perUnit.get(u.id)!;
    for (const k of Object.keys(c) as (keyof Counts)[]) entry.counts[k] += c[k];
  }
  return [...perSite.values()]
    .map((s) => ({ unit: s.unit, ...s.counts }))
    .sort((a, b) => a.unit.nameEn.localeCompare(b.unit.nameEn));
}

const Cursor = z.tuple([CursorPart.pgTimestamp, CursorPart.uuid]);

/** Coverage findings in the reader's scope, newest first: open ones by default, of one unit's subtree or kind. */
export async function listFindings(
  ctx: Ctx,
  q: { unitId?: string; kind?: SystemFinding['kind']; open: 'true' | 'false'; limit: number; cursor?: string },
): Promise<{ items: SystemFinding[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [
    inScopeSql(ctx, 'systems:read', systemFindings.unitPath),
    q.open === 'true' ? isNull(systemFindings.closedAt) : isNotNull(systemFindings.closedAt),
  ];
  if (q.unitId) {
    const unit = await unitById(ctx.db, q.unitId);
    if (!unit || !canAt(ctx, 'systems:read', unit.path)) throw notFound();
    where.push(sql`${systemFindings.unitPath} LIKE ${escapeLike(unit.path) + '%'}`);
  }
  if (q.kind) where.push(eq(systemFindings.kind, q.kind));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, Cursor);
    where.push(sql`(${systemFindings.openedAt}, ${systemFindings.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db
    .select({
      f: systemFindings,
      openedText: sql<string>`${systemFindings.openedAt}::text`,
      device: systemDevices.name,
      systemName: systems.name,
      unitJa: orgUnits.nameJa,
      unitEn: orgUnits.nameEn,
    })
    .from(systemFindings)
    .leftJoin(systemDevices, eq(systemDevices.id, systemFindings.deviceId))
    .leftJoin(systems, eq(systems.id, systemFindings.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systemFindings.unitId))
    .where(and(...where))
    .orderBy(desc(systemFindings.openedAt), desc(systemFindings.id))
    .limit(q.limit + 1);
  const shown = rows.slice(0, q.limit);
  const owners = new Map(
    (
      await peopleByIds(
        ctx.db,
        shown.map((r) => r.f.ownerPersonId).filter((x): x is string => !!x),
      )
    ).map((p) => [p.id, p]),
  );
  const last = shown.at(-1);
  return {
    items: shown.map((r) => {
      const owner = r.f.ownerPersonId ? owners.get(r.f.ownerPersonId) : undefined;
      return {
        id: r.f.id,
        kind: r.f.kind,
        system: r.f.systemId && r.systemName ? { id: r.f.systemId, nameJa: r.systemName, nameEn: r.systemName } : null,
        unit: { id: r.f.unitId, nameJa: r.unitJa, nameEn: r.unitEn },
        device: r.device,
        owner: owner ? { id: owner.id, nameJa: owner.nameJa, nameEn: owner.nameEn } : null,
        openedAt: r.f.openedAt.toISOString(),
        closedAt: r.f.closedAt?.toISOString() ?? null,
      };
    }),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.openedText, last.f.id]) : null,
  };
}

import type { CreateZoneVisitBody, ZoneVisitListQuery } from '@mamori/contracts';
import { type ZoneVisit } from '@mamori/contracts';
import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { fieldError, invalid, notFound, type FieldError } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { people } from '../../org/tables';
import { canKeepVisitors } from '../access';
import { loadZone, type ZoneRow } from '../zones/records';
import { zoneFindings, zoneVisits } from '../tables';

/** The zone, for its visitor log: visitors:manage over its site (the log names people: others get 404). */
export async function zoneForLog(db: Db, ctx: Ctx, id: string): Promise<ZoneRow> {
  const zone = await loadZone(db, ctx, id);
  if (!canKeepVisitors(ctx.principal, zone.sitePath)) throw notFound();
  return zone;
}

const startOfDayJst = (day: string) => new Date(`${day}T00:00:00+09:00`);
const nextDay = (day: string) => new Date(startOfDayJst(day).getTime() + 86_400_000);

/** A zone's visits, latest first, keyset-paged; `findings=true`: only those the daily check found wrong. */
export async function listVisits(ctx: Ctx, zoneId: string, q: z.infer<typeof ZoneVisitListQuery>) {
  await zoneForLog(ctx.db, ctx, zoneId);
  const [cAt, cId] = q.cursor ? q.cursor.split('|') : [];
  const cursorOk = cAt && cId && !Number.isNaN(Date.parse(cAt)) && /^[0-9a-f-]{36}$/.test(cId);
  const host = sql<
    string | null
  >`(SELECT coalesce(h.name_ja || ' / ' || h.name_en, '') FROM people h WHERE h.id = ${zoneVisits.hostPersonId})`;
  const rows = await ctx.db
    .select({
      v: zoneVisits,
      personJa: people.nameJa,
      personEn: people.nameEn,
      finding: zoneFindings.reason,
      host,
    })
    .from(zoneVisits)
    .leftJoin(people, eq(people.id, zoneVisits.personId))
    .leftJoin(zoneFindings, eq(zoneFindings.visitId, zoneVisits.id))
    .where(
      and(
        eq(zoneVisits.zoneId, zoneId),
        q.from ? gte(zoneVisits.enteredAt, startOfDayJst(q.from)) : undefined,
        q.to ? lt(zoneVisits.enteredAt, nextDay(q.to)) : undefined,
        q.findings === 'true' ? isNotNull(zoneFindings.id) : q.findings === 'false' ? isNull(zoneFindings.id) : undefined,
        cursorOk ? sql`(${zoneVisits.enteredAt}, ${zoneVisits.id}) < (${new Date(cAt)}, ${cId}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(zoneVisits.enteredAt), desc(zoneVisits.id))
    .limit(q.limit + 1);
  const items: ZoneVisit[] = rows.slice(0, q.limit).map((r) => ({
    id: r.v.id,
    zoneId: r.v.zoneId,
    personId: r.v.personId,
    visitorName: r.v.personId ? `${r.personJa} / ${r.personEn}` : r.v.visitorName,
    visitorCompany: r.v.visitorCompany,
    hostPersonId: r.v.hostPersonId,
    hostName: r.host,
    enteredAt: r.v.enteredAt.toISOString(),
    leftAt: r.v.leftAt?.toISOString() ?? null,
    source: r.v.source,
    finding: r.finding ?? null,
  }));
  const last = rows[q.limit - 1];
  return { items, nextCursor: rows.length > q.limit && last ? `${last.v.enteredAt.toISOString()}|${last.v.id}` : null };
}

/** Records one visit by hand (a guard's log). */
export function recordVisit(ctx: Ctx, zoneId: string, body: z.output<typeof CreateZoneVisitBody>) {
  const errors: FieldError[] = [];
  if (!body.personId && !body.visitorName) errors.push(fieldError('body.visitorName', 'visits.who_missing'));
  if (body.leftAt && Date.parse(body.leftAt) < Date.parse(body.enteredAt))
    errors.push(fieldError('body.leftAt', 'visits.left_before_entered'));
  if (errors.length) throw invalid(errors);
  return inTransaction(ctx, async (tx, audit) => {
    const zone = await zoneForLog(tx, ctx, zoneId);
    const ids = [body.personId, body.hostPersonId].filter((x): x is string => !!x);
    const known = new Set(
      (
        await tx
          .select({ id: people.id })
          .from(people)
          .where(inArray(people.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']))
      ).map((p) => p.id),
    );
    if (body.personId && !known.has(body.personId)) errors.push(fieldError('body.personId', 'zones.person_unknown'));
    if (body.hostPersonId && !known.has(body.hostPersonId)) errors.push(fieldError('body.hostPersonId', 'zones.person_unknown'));
    if (errors.length) throw invalid(errors);
    const [row] = await tx
      .insert(zoneVisits)
      .values({
        ...body,
        zoneId,
        enteredAt: new Date(body.enteredAt),
        leftAt: body.leftAt ? new Date(body.leftAt) : null,
        source: 'manual',
      })
      .returning();
    await audit({
      action: 'zone.visit_record',
      targetType: 'zone',
      targetId: zoneId,
      orgPath: zone.sitePath,
      after: { visitId: row!.id },
    });
    return { id: row!.id };
  });
}

import type { ZoneFindingQuery } from '@mamori/contracts';
import { type ZoneFinding } from '@mamori/contracts';
import { and, asc, desc, eq, isNull, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { roleHoldersOf } from '../../../platform/access/holders';
import { scopeOf, scopeSql } from '../../../platform/access/scope';
import { systemActor } from '../../../platform/audit/record';
import { users } from '../../../platform/auth/tables';
import { conflict, msg, notFound } from '../../../platform/errors/app-error';
import { defineJob } from '../../../platform/jobs/define';
import { queueMail } from '../../../platform/mail/outbox';
import { mailOf } from '../../../platform/mail/text';
import { lockRow } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { todayJst } from '../bring-ins/requests';
import { zoneFindings, zones, zoneVisits } from '../tables';

/** How many days back the check looks (it runs daily; a missed run is caught up by the next one). */
export const CHECK_DAYS = 3;

/**
 * The daily check (2-3-4: review the entry records): one set-based statement over every site finds the visits of the
 * last days by a person who may not enter the zone (not all staff, not named, not the owner, holding none of its
 * roles), or by a visitor with no host into a zone beyond reception; each becomes a finding once (unique per
 * visit). Then the owner of each zone with new findings, and the offices of its site, get one mail.
 */
export async function runZoneCheck(db: Db, config: Pick<Config, 'publicUrl'>, now = new Date()) {
  const today = todayJst(now);
  const since = new Date(new Date(`${today}T00:00:00+09:00`).getTime() - CHECK_DAYS * 86_400_000);
  const found = await recordFindings(db, today, since, now);
  const mailed = await mailNewFindings(db, config.publicUrl, now);
  const purged = await purgeExpiredVisits(db, now);
  return { found, mailed, purged };
}

/**
 * Entry records are kept for the zone's `retention_days` (2-3-4), then deleted: one statement for every zone, one audit
 * event per zone that lost records. A visit with an open finding is kept until the finding is closed (the evidence).
 */
export async function purgeExpiredVisits(db: Db, now = new Date()): Promise<number> {
  return inTransaction({ db, actor: systemActor('zones.daily-check'), principal: null }, async (tx, audit) => {
    const rows = await queryRows<{ zone_id: string; site_path: string; n: number }>(
      tx,
      sql`WITH del AS (
        DELETE FROM zone_visits v USING zones z
         WHERE z.id = v.zone_id AND v.entered_at < ${now}::timestamptz - z.retention_days * interval '1 day'
           AND NOT EXISTS (SELECT 1 FROM zone_findings f WHERE f.visit_id = v.id AND f.closed_at IS NULL)
        RETURNING v.zone_id, z.site_path)
      SELECT zone_id, site_path, count(*)::int AS n FROM del GROUP BY zone_id, site_path`,
    );
    for (const r of rows)
      await audit({
        action: 'zone.visits_purged',
        targetType: 'zone',
        targetId: r.zone_id,
        orgPath: r.site_path,
        after: { deleted: r.n },
      });
    return rows.reduce((n, r) => n + r.n, 0);
  });
}

/** The check's one statement: the findings among the visits entered in [since, until), each recorded once. */
export async function recordFindings(db: Db, today: string, since: Date, until: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`WITH ins AS (
      INSERT INTO zone_findings (visit_id, zone_id, reason, found_on)
      SELECT v.id, v.zone_id, CASE WHEN v.person_id IS NULL THEN 'unescorted' ELSE 'not_allowed' END, ${today}::date
      FROM zone_visits v JOIN zones z ON z.id = v.zone_id
      WHERE v.entered_at >= ${since} AND v.entered_at < ${until}
        AND CASE WHEN v.person_id IS NOT NULL THEN
              NOT z.entry_all AND v.person_id <> z.owner_person_id
              AND NOT EXISTS (SELECT 1 FROM zone_entrants e WHERE e.zone_id = z.id AND e.person_id = v.person_id)
              AND NOT EXISTS (SELECT 1 FROM users u JOIN role_assignments r ON r.user_id = u.id
                              WHERE u.person_id = v.person_id AND r.role = ANY (z.entry_roles))
            ELSE v.host_person_id IS NULL AND z.kind <> 'reception' END
      ON CONFLICT (visit_id) DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`,
  );
  return row?.n ?? 0;
}

/** One mail per zone with findings not yet told, to its owner and its site's offices; stamped in the same transaction. */
async function mailNewFindings(db: Db, publicUrl: string, now: Date): Promise<number> {
  return inTransaction({ db, actor: systemActor('zones.daily-check'), principal: null }, async (tx, audit) => {
    const pending = await tx
      .select({ zoneId: zoneFindings.zoneId, n: sql<number>`count(*)::int` })
      .from(zoneFindings)
      .where(isNull(zoneFindings.mailedAt))
      .groupBy(zoneFindings.zoneId);
    let mails = 0;
    for (const p of pending) {
      const [zone] = await tx.select().from(zones).where(eq(zones.id, p.zoneId));
      const owner = await tx
        .select({ email: users.email })
        .from(users)
        .where(and(eq(users.personId, zone!.ownerPersonId), eq(users.status, 'active')));
      const offices = await roleHoldersOf(tx, 'site_security_office', zone!.sitePath, { nearest: true });
      const to = [...new Set([...owner.map((o) => o.email), ...offices.map((o) => o.email)])];
      const url = `${publicUrl}/zones/${zone!.id}`;
      for (const address of to) {
        await queueMail(tx, {
          to: address,
          ...mailOf(
            { ja: `入室チェックの指摘: ${zone!.nameJa}`, en: `Zone entry findings: ${zone!.nameEn}` },
            {
              ja: [`${zone!.nameJa} に入室を認められていない入室が ${p.n} 件ありました。入退室記録を確認してください。`],
              en: [
                `${p.n} entries into ${zone!.nameEn} by people not allowed to enter it (or visitors without a host). Please review the log.`,
              ],
            },
            url,
          ),
        });
        mails++;
      }
      await tx
        .update(zoneFindings)
        .set({ mailedAt: now })
        .where(and(eq(zoneFindings.zoneId, p.zoneId), isNull(zoneFindings.mailedAt)));
      await audit({
        action: 'zone.check_findings',
        targetType: 'zone',
        targetId: zone!.id,
        orgPath: zone!.sitePath,
        after: { findings: p.n, to },
      });
    }
    return mails;
  });
}

export const zoneCheckJob = defineJob({
  kind: 'zones.daily-check',
  payload: z.object({}),
  async handler(_p, { db, config, log }) {
    const counts = await runZoneCheck(db, config);
    if (counts.found) log.info(counts, 'zone entry findings');
  },
});

/**
 * Findings the reader deals with: zones they own, and zones of sites where they keep the visitor log.
 */
export async function listFindings(ctx: Ctx, q: z.infer<typeof ZoneFindingQuery>): Promise<ZoneFinding[]> {
  const me = ctx.principal
    ? (await ctx.db.select({ p: users.personId }).from(users).where(eq(users.id, ctx.principal.userId)))[0]?.p
    : null;
  const who = sql<string>`coalesce((SELECT p.name_ja || ' / ' || p.name_en FROM people p WHERE p.id = ${zoneVisits.personId}), ${zoneVisits.visitorName})`;
  const rows = await ctx.db
    .select({
      f: zoneFindings,
      zoneNameJa: zones.nameJa,
      zoneNameEn: zones.nameEn,
      who,
      enteredAt: zoneVisits.enteredAt,
    })
    .from(zoneFindings)
    .innerJoin(zones, eq(zones.id, zoneFindings.zoneId))
    .innerJoin(zoneVisits, eq(zoneVisits.id, zoneFindings.visitId))
    .where(
      and(
        sql`(${scopeSql(scopeOf(ctx.principal, 'visitors:manage'), zones.sitePath)} OR ${me ? eq(zones.ownerPersonId, me) : sql`false`})`,
        q.open === 'true' ? isNull(zoneFindings.closedAt) : isNotNull(zoneFindings.closedAt),
        q.siteId ? eq(zones.siteId, q.siteId) : undefined,
      ),
    )
    .orderBy(desc(zoneFindings.foundOn), asc(zones.code), desc(zoneVisits.enteredAt))
    .limit(500);
  return rows.map((r) => ({
    id: r.f.id,
    zoneId: r.f.zoneId,
    zoneNameJa: r.zoneNameJa,
    zoneNameEn: r.zoneNameEn,
    visitId: r.f.visitId,
    who: r.who,
    reason: r.f.reason,
    enteredAt: r.enteredAt.toISOString(),
    foundOn: r.f.foundOn,
    closedAt: r.f.closedAt?.toISOString() ?? null,
  }));
}

/** The zone's owner or the visitor-log keeper marks a finding dealt with (once: a second close is 409). */
export function closeFinding(ctx: Ctx, id: string) {
  return inTransaction(ctx, async (tx, audit) => {
    await lockRow(tx, zoneFindings, id);
    const [row] = await tx
      .select({ f: zoneFindings, sitePath: zones.sitePath, owner: zones.ownerPersonId })
      .from(zoneFindings)
      .innerJoin(zones, eq(zones.id, zoneFindings.zoneId))
      .where(eq(zoneFindings.id, id));
    const [me] = await tx.select({ p: users.personId }).from(users).where(eq(users.id, ctx.principal!.userId));
    const keeper = scopeOf(ctx.principal, 'visitors:manage');
    if (
      !row ||
      !(
        row.owner === me?.p ||
        keeper.kind === 'all' ||
        (keeper.kind === 'paths' && keeper.paths.some((p) => row.sitePath.startsWith(p)))
      )
    )
      throw notFound();
    if (row.f.closedAt) throw conflict(msg('zones.finding_closed'));
    await tx.update(zoneFindings).set({ closedAt: new Date(), closedBy: ctx.principal!.userId }).where(eq(zoneFindings.id, id));
    await audit({
      action: 'zone.finding_close',
      targetType: 'zone',
      targetId: row.f.zoneId,
      orgPath: row.sitePath,
      after: { findingId: id },
    });
    return { ok: true as const };
  });
}

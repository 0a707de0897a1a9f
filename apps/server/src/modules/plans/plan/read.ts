import type { Plan, PlanActivity, PlanSummary } from '@mamori/contracts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { notFound } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { linkNames } from '../tasks/linked';
import { planActivities, plans } from './tables';

export type PlanRow = typeof plans.$inferSelect;
type ActivityRow = typeof planActivities.$inferSelect;

/**
 * The plan itself is the group's programme: everyone holding plans:read somewhere reads every version (the tasks
 * and the progress are what the scope limits). Outside plans:read the route already refused.
 */
function canRead(ctx: Ctx) {
  return scopeOf(ctx.principal, 'plans:read').kind !== 'none';
}

async function summaries(db: Db, rows: PlanRow[]): Promise<PlanSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const counts = await db
    .select({ planId: planActivities.planId, n: sql<number>`count(*)::int` })
    .from(planActivities)
    .where(inArray(planActivities.planId, ids))
    .groupBy(planActivities.planId);
  const byPlan = new Map(counts.map((c) => [c.planId, c.n]));
  const who = [...new Set(rows.map((r) => r.publishedBy).filter((x): x is string => !!x))];
  const names = who.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, who)) : [];
  const nameOf = new Map(names.map((n) => [n.id, n]));
  return rows.map((r) => ({
    id: r.id,
    fiscalYear: r.fiscalYear,
    version: r.version,
    status: r.status,
    title: { ja: r.titleJa, en: r.titleEn },
    rowVersion: r.rowVersion,
    createdAt: r.createdAt.toISOString(),
    publishedAt: r.publishedAt?.toISOString() ?? null,
    publishedBy: r.publishedBy ? (nameOf.get(r.publishedBy) ?? null) : null,
    activityCount: byPlan.get(r.id) ?? 0,
  }));
}

export async function listPlans(ctx: Ctx, fiscalYear?: number): Promise<PlanSummary[]> {
  if (!canRead(ctx)) return [];
  const rows = await ctx.db
    .select()
    .from(plans)
    .where(fiscalYear ? eq(plans.fiscalYear, fiscalYear) : undefined)
    .orderBy(desc(plans.fiscalYear), desc(plans.version))
    .limit(500);
  return summaries(ctx.db, rows);
}

export async function presentActivities(db: Db, rows: ActivityRow[]): Promise<PlanActivity[]> {
  const unitIds = [...new Set(rows.flatMap((a) => a.unitRoots))];
  const units = unitIds.length
    ? await db
        .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn, kind: orgUnits.kind })
        .from(orgUnits)
        .where(inArray(orgUnits.id, unitIds))
    : [];
  const unitOf = new Map(units.map((u) => [u.id, { id: u.id, name: { ja: u.nameJa, en: u.nameEn }, kind: u.kind }]));
  const links = await linkNames(
    db,
    rows.map((a) => ({ kind: a.linkKind, ref: a.linkRef })),
  );
  return rows.map((a) => ({
    id: a.id,
    key: a.key,
    position: a.position,
    kind: a.kind,
    phase: a.phase,
    title: { ja: a.titleJa, en: a.titleEn },
    startDate: a.startDate,
    dueDate: a.dueDate,
    guide: a.guide,
    guideUrl: a.guideUrl,
    unitRoots: a.unitRoots.map((id) => unitOf.get(id)).filter((u) => u !== undefined),
    unitKinds: a.unitKinds as PlanActivity['unitKinds'],
    roles: a.roles as PlanActivity['roles'],
    evidence: a.evidence,
    linkKind: a.linkKind,
    linkRef: a.linkRef,
    linkThreshold: a.linkThreshold,
    link: (() => {
      const t = links.get(`${a.linkKind}:${a.linkRef}`);
      return t ? { id: t.id, name: t.name } : null;
    })(),
  }));
}

export async function activitiesOf(db: Db, planId: string) {
  return db.select().from(planActivities).where(eq(planActivities.planId, planId)).orderBy(asc(planActivities.position));
}

export async function planById(db: Db, id: string): Promise<PlanRow | undefined> {
  const [row] = await db.select().from(plans).where(eq(plans.id, id));
  return row;
}

export async function getPlan(ctx: Ctx, id: string, db: Db = ctx.db): Promise<Plan> {
  const row = canRead(ctx) ? await planById(db, id) : undefined;
  if (!row) throw notFound();
  const [summary] = await summaries(db, [row]);
  return { ...summary!, activities: await presentActivities(db, await activitiesOf(db, id)) };
}

/** The published version of a fiscal year, if any. */
export async function publishedPlan(db: Db, fiscalYear: number): Promise<PlanRow | undefined> {
  const [row] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.fiscalYear, fiscalYear), eq(plans.status, 'published')));
  return row;
}

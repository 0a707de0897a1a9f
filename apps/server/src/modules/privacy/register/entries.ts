import {
  ActivityInput,
  type Activity,
  type ActivityListItem,
  type ActivityListQuery,
  type UpdateActivityBody,
} from '@mamori/contracts';
import { and, asc, desc, eq, gt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { covers, escapeLike, scopeOf, scopeSql } from '../../../platform/access/scope';
import { roleHoldersOf } from '../../../platform/access/holders';
import { users } from '../../../platform/auth/tables';
import { recordRead } from '../../../platform/audit/record';
import { conflict, fieldError, forbidden, invalid, msg, notFound } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { assetsByIds } from '../../assets/service';
import { peopleByIds, unitById } from '../../org/service';
import { orgUnits } from '../../org/tables';
import { processorStatuses } from '../../partners/service';
import { derived, entryProblems, nextReviewDay, tokyoDay } from './rules';
import { processingActivities, processingActivityReviews } from './tables';
import { personalDataCoursePassed } from './training-seam';
import { z } from 'zod';

type Row = typeof processingActivities.$inferSelect;
type Input = z.output<typeof ActivityInput>;
const searchText = (service: string, purpose: string) => `${service}\n${purpose}`.toLowerCase();

const auditView = (r: Row) => ({
  unitId: r.unitId,
  service: r.service,
  purpose: r.purpose,
  subjectKinds: r.subjectKinds,
  subjectCount: r.subjectCount,
  subjectCountries: r.subjectCountries,
  categories: r.categories,
  specialCareBasis: r.specialCareBasis,
  source: r.source,
  storageAssetIds: r.storageAssetIds,
  retention: r.retention,
  deletion: r.deletion,
  handlerPersonIds: r.handlerPersonIds,
  processorPartnerIds: r.processorPartnerIds,
  transfers: r.transfers,
  laws: r.laws,
  status: r.status,
});

async function unitIn(db: Db, ctx: Ctx, unitId: string) {
  const unit = await unitById(db, unitId);
  if (!unit || !covers(scopeOf(ctx.principal, 'privacy:manage'), unit.path))
    throw invalid([fieldError('body.unitId', 'privacy.unit_unknown')]);
  return unit;
}

/** Creates a register entry in a unit of the caller's privacy:manage scope. */
export async function createActivity(ctx: Ctx, body: Input): Promise<Activity> {
  const unit = await unitIn(ctx.db, ctx, body.unitId);
  const problems = await entryProblems(ctx.db, body);
  if (problems.length) throw invalid(problems);
  const id = await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(processingActivities)
      .values({
        ...body,
        ...derived(body),
        unitPath: unit.path,
        search: searchText(body.service, body.purpose),
        reviewDueOn: nextReviewDay(),
      })
      .returning();
    await audit({
      action: 'privacy.activity.create',
      targetType: 'processing_activity',
      targetId: row!.id,
      orgPath: unit.path,
      after: auditView(row!),
    });
    return row!.id;
  });
  return getActivity(ctx, id, false);
}

async function loadScoped(db: Db, ctx: Ctx, id: string, action: 'privacy:read' | 'privacy:manage'): Promise<Row> {
  const [row] = await db.select().from(processingActivities).where(eq(processingActivities.id, id));
  if (!row || !covers(scopeOf(ctx.principal, action), row.unitPath)) throw notFound();
  return row;
}

/** Changes an entry (If-Match): every field is checked again as a whole, the derived laws follow. */
export async function updateActivity(ctx: Ctx, id: string, body: UpdateActivityBody, expected?: Precondition): Promise<Activity> {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, processingActivities, id, () => loadScoped(tx, ctx, id, 'privacy:manage'), expected);
    const { retired, ...fields } = body;
    const { laws: _l, status: _s, ...current } = auditView(before);
    const parsed = ActivityInput.safeParse({ ...current, ...fields });
    if (!parsed.success)
      throw invalid(parsed.error.issues.map((i) => fieldError(`body.${i.path.join('.')}`, 'validation.invalid')));
    const merged = parsed.data;
    let unitPath = before.unitPath;
    if (merged.unitId !== before.unitId) unitPath = (await unitIn(tx, ctx, merged.unitId)).path;
    const problems = await entryProblems(tx, merged, before.handlerPersonIds);
    if (problems.length) throw invalid(problems);
    const [after] = await tx
      .update(processingActivities)
      .set({
        ...merged,
        ...derived(merged),
        unitPath,
        search: searchText(merged.service, merged.purpose),
        status: retired === undefined ? before.status : retired ? 'retired' : 'active',
        updatedAt: new Date(),
      })
      .where(eq(processingActivities.id, id))
      .returning();
    await audit({
      action: 'privacy.activity.update',
      targetType: 'processing_activity',
      targetId: id,
      orgPath: unitPath,
      before: auditView(before),
      after: auditView(after!),
    });
  });
  return getActivity(ctx, id, false);
}

/** May the principal sign off this unit's reviews: an org head whose scope covers the unit. */
async function isUnitHead(db: Db, ctx: Ctx, unitPath: string) {
  const heads = await roleHoldersOf(db, 'org_head', unitPath);
  return heads.some((h) => h.id === ctx.principal?.userId);
}

/** The yearly review, signed off by the unit's head: the next one falls due a year on. */
export async function reviewActivity(ctx: Ctx, id: string, note: string, expected?: Precondition): Promise<Activity> {
  await inTransaction(ctx, async (tx, audit) => {
    const row = await loadForUpdate(tx, processingActivities, id, () => loadScoped(tx, ctx, id, 'privacy:read'), expected);
    if (!(await isUnitHead(tx, ctx, row.unitPath))) throw forbidden(msg('privacy.not_unit_head'));
    if (row.status === 'retired') throw conflict(msg('privacy.retired'));
    const now = new Date();
    await tx
      .insert(processingActivityReviews)
      .values({ activityId: id, reviewedBy: ctx.principal!.userId, reviewedAt: now, note });
    const reviewDueOn = nextReviewDay(now);
    await tx
      .update(processingActivities)
      .set({ lastReviewedAt: now, reviewDueOn, reviewRemindedFor: null })
      .where(eq(processingActivities.id, id));
    await audit({
      action: 'privacy.activity.review',
      targetType: 'processing_activity',
      targetId: id,
      orgPath: row.unitPath,
      before: { reviewDueOn: row.reviewDueOn, lastReviewedAt: row.lastReviewedAt },
      after: { reviewDueOn, note },
    });
  });
  return getActivity(ctx, id, false);
}

/** One entry with what it names resolved through the owning domains; a read of personal-data records is logged. */
export async function getActivity(ctx: Ctx, id: string, logRead = true): Promise<Activity> {
  const row = await loadScoped(ctx.db, ctx, id, 'privacy:read');
  const [unit, assets, persons, processors, trained, reviews, canReview] = await Promise.all([
    unitById(ctx.db, row.unitId),
    assetsByIds(ctx.db, row.storageAssetIds),
    peopleByIds(ctx.db, row.handlerPersonIds),
    processorStatuses(ctx.db, row.processorPartnerIds),
    personalDataCoursePassed(ctx.db, row.handlerPersonIds),
    ctx.db
      .select({ at: processingActivityReviews.reviewedAt, by: users.name, note: processingActivityReviews.note })
      .from(processingActivityReviews)
      .innerJoin(users, eq(users.id, processingActivityReviews.reviewedBy))
      .where(eq(processingActivityReviews.activityId, id))
      .orderBy(desc(processingActivityReviews.reviewedAt))
      .limit(20),
    isUnitHead(ctx.db, ctx, row.unitPath),
  ]);
  if (logRead)
    await recordRead(ctx.db, ctx.actor, {
      action: 'privacy.activity.read',
      targetType: 'processing_activity',
      targetId: id,
      orgPath: row.unitPath,
    });
  const byId = <T extends { id: string }>(list: T[], ids: string[]) =>
    ids.map((i) => list.find((x) => x.id === i)).filter((x): x is T => !!x);
  return {
    ...listItem({ ...row, unitNameJa: unit?.nameJa ?? '', unitNameEn: unit?.nameEn ?? '' }),
    subjectKinds: row.subjectKinds,
    subjectCountries: row.subjectCountries,
    specialCareBasis: row.specialCareBasis,
    source: row.source,
    retention: row.retention,
    deletion: row.deletion,
    transfers: row.transfers,
    storage: byId(assets, row.storageAssetIds).map((a) => ({ id: a.id, name: a.name, classCode: a.classCode, status: a.status })),
    handlers: byId(persons, row.handlerPersonIds).map((p) => ({
      id: p.id,
      name: ctx.principal?.language === 'en' ? p.nameEn : p.nameJa,
      trained: trained.get(p.id) ?? null,
    })),
    processors: byId(processors, row.processorPartnerIds).map((p) => ({
      id: p.id,
      name: { ja: p.nameJa, en: p.nameEn },
      latestScore: p.latestScore,
      latestScoredAt: p.latestScoredAt ? new Date(p.latestScoredAt).toISOString() : null,
      ndaInForce: p.ndaInForce,
    })),
    reviews: reviews.map((r) => ({ at: r.at.toISOString(), by: r.by, note: r.note })),
    can: { manage: covers(scopeOf(ctx.principal, 'privacy:manage'), row.unitPath), review: canReview && row.status === 'active' },
    updatedAt: row.updatedAt.toISOString(),
  };
}

type ListRow = Pick<
  Row,
  | 'id'
  | 'unitId'
  | 'service'
  | 'purpose'
  | 'subjectCount'
  | 'categories'
  | 'specialCare'
  | 'myNumber'
  | 'laws'
  | 'transfers'
  | 'status'
  | 'reviewDueOn'
  | 'lastReviewedAt'
  | 'rowVersion'
> & { unitNameJa: string; unitNameEn: string };

function listItem(r: ListRow): ActivityListItem {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: { ja: r.unitNameJa, en: r.unitNameEn },
    service: r.service,
    purpose: r.purpose.length > 300 ? `${r.purpose.slice(0, 300)}…` : r.purpose,
    subjectCount: r.subjectCount,
    categories: r.categories,
    specialCare: r.specialCare,
    myNumber: r.myNumber,
    laws: r.laws,
    transferCountries: [...new Set(r.transfers.map((t) => t.country))],
    status: r.status,
    reviewDueOn: r.reviewDueOn,
    lastReviewedAt: r.lastReviewedAt ? r.lastReviewedAt.toISOString() : null,
    rowVersion: r.rowVersion,
  };
}

const listColumns = {
  id: processingActivities.id,
  unitId: processingActivities.unitId,
  service: processingActivities.service,
  purpose: processingActivities.purpose,
  subjectCount: processingActivities.subjectCount,
  categories: processingActivities.categories,
  specialCare: processingActivities.specialCare,
  myNumber: processingActivities.myNumber,
  laws: processingActivities.laws,
  transfers: processingActivities.transfers,
  status: processingActivities.status,
  reviewDueOn: processingActivities.reviewDueOn,
  lastReviewedAt: processingActivities.lastReviewedAt,
  rowVersion: processingActivities.rowVersion,
  unitNameJa: orgUnits.nameJa,
  unitNameEn: orgUnits.nameEn,
};

/** The conditions of a list or an export: scope in SQL, then the filters; `q` matches service or purpose (trigram index). */
function listWhere(ctx: Ctx, query: Omit<ActivityListQuery, 'limit' | 'cursor'>): SQL {
  const conds: (SQL | undefined)[] = [scopeSql(scopeOf(ctx.principal, 'privacy:read'), processingActivities.unitPath)];
  if (query.q) conds.push(sql`${processingActivities.search} LIKE ${`%${escapeLike(query.q.toLowerCase())}%`}`);
  if (query.unitId) conds.push(eq(processingActivities.unitId, query.unitId));
  if (query.law) conds.push(sql`${processingActivities.laws} @> ARRAY[${query.law}]::text[]`);
  if (query.status) conds.push(eq(processingActivities.status, query.status));
  if (query.reviewDue === 'true')
    conds.push(and(eq(processingActivities.status, 'active'), lte(processingActivities.reviewDueOn, tokyoDay())));
  return and(...conds)!;
}

/** The register in the caller's scope, by service name, keyset-paged. */
export async function listActivities(ctx: Ctx, query: ActivityListQuery) {
  const where = [listWhere(ctx, query)];
  if (query.cursor) {
    const [service, id] = decodeCursor(query.cursor, z.tuple([CursorPart.text(300), CursorPart.uuid]));
    where.push(
      or(
        gt(processingActivities.service, service),
        and(eq(processingActivities.service, service), gt(processingActivities.id, id)),
      )!,
    );
  }
  const rows = await ctx.db
    .select(listColumns)
    .from(processingActivities)
    .innerJoin(orgUnits, eq(orgUnits.id, processingActivities.unitId))
    .where(and(...where))
    .orderBy(asc(processingActivities.service), asc(processingActivities.id))
    .limit(query.limit + 1);
  return pageOf(rows, query.limit, listItem, (r) => [r.service, r.id]);
}

/** Every matching entry for the XLSX export (bounded: the register of one group stays well under this). */
export async function activitiesForExport(ctx: Ctx, query: Omit<ActivityListQuery, 'limit' | 'cursor'>, max = 20_000) {
  return ctx.db
    .select({
      ...listColumns,
      subjectKinds: processingActivities.subjectKinds,
      subjectCountries: processingActivities.subjectCountries,
      source: processingActivities.source,
      retention: processingActivities.retention,
      deletion: processingActivities.deletion,
      specialCareBasis: processingActivities.specialCareBasis,
    })
    .from(processingActivities)
    .innerJoin(orgUnits, eq(orgUnits.id, processingActivities.unitId))
    .where(listWhere(ctx, query))
    .orderBy(asc(processingActivities.service), asc(processingActivities.id))
    .limit(max);
}

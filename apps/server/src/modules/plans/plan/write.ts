import { fiscalYearDays, type CreatePlanBody, type UpdatePlanBody } from '@mamori/contracts';
import { and, eq, inArray, max } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { covers, scopeOf } from '../../../platform/access/scope';
import { conflict, fieldError, invalid, msg, notFound, type FieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { enqueue } from '../../../platform/jobs/queue';
import { isLinkedKind, linkNames, planLinkedJob } from '../tasks/linked';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { shiftYear } from '../catalog';
import { carryReviewActions } from './carry';
import { cascadePlan } from './cascade';
import { activitiesOf, getPlan, planById, publishedPlan, type PlanRow } from './read';
import { planActivities, plans } from './tables';

type ActivityInput = NonNullable<z.output<typeof UpdatePlanBody>['activities']>[number];

/**
 * Creates the next version of a fiscal year's plan as a draft. With `copyFrom` it copies that version's activities
 * (another year's: dates shifted by the difference in years, new keys; the same year's: keys kept, so publishing
 * keeps the tasks). Without it, the year's published version is copied when there is one. The management review's
 * open actions for the year are added as activities (carry.ts). One draft per year.
 */
export async function createPlan(ctx: Ctx, body: z.output<typeof CreatePlanBody>) {
  const id = await inTransaction(ctx, async (tx, audit) => {
    const [open] = await tx
      .select({ id: plans.id, version: plans.version })
      .from(plans)
      .where(and(eq(plans.fiscalYear, body.fiscalYear), eq(plans.status, 'draft')));
    if (open)
      throw conflict(msg('plans.draft_exists', { version: open.version }), [
        fieldError('body.fiscalYear', 'plans.draft_exists', { version: open.version }),
      ]);
    const source = body.copyFrom ? await planById(tx, body.copyFrom) : await publishedPlan(tx, body.fiscalYear);
    if (body.copyFrom && !source) throw invalid([fieldError('body.copyFrom', 'plans.copy_unknown')]);
    const [last] = await tx
      .select({ n: max(plans.version) })
      .from(plans)
      .where(eq(plans.fiscalYear, body.fiscalYear));
    const version = (last?.n ?? 0) + 1;
    const [plan] = await tx
      .insert(plans)
      .values({
        fiscalYear: body.fiscalYear,
        version,
        titleJa: body.titleJa,
        titleEn: body.titleEn,
        copiedFrom: source?.id ?? null,
        createdBy: ctx.principal!.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!plan) throw conflict(msg('plans.draft_exists', { version }));
    if (source) {
      const years = body.fiscalYear - source.fiscalYear;
      const rows = await activitiesOf(tx, source.id);
      if (rows.length)
        await tx.insert(planActivities).values(
          rows.map(({ id: _id, planId: _p, key, ...a }) => ({
            ...a,
            planId: plan.id,
            ...(years === 0 ? { key } : {}),
            // a campaign belongs to its year: another year's copy picks its own
            ...(years !== 0 && isLinkedKind(a.linkKind) ? { linkRef: '' } : {}),
            startDate: a.startDate && shiftYear(a.startDate, years),
            dueDate: shiftYear(a.dueDate, years),
          })),
        );
    }
    const reviewActions = await carryReviewActions(tx, plan.id, body.fiscalYear);
    await audit({
      action: 'plan.create',
      targetType: 'plan',
      targetId: plan.id,
      orgPath: null,
      after: {
        fiscalYear: body.fiscalYear,
        version,
        copiedFrom: source ? { fiscalYear: source.fiscalYear, version: source.version } : null,
        reviewActions,
      },
    });
    return plan.id;
  });
  return getPlan(ctx, id);
}

/** Locks a draft for a change: 404 outside plans:read, 412 on a stale If-Match, 409 naming the status if not a draft. */
async function lockDraft(tx: Db, ctx: Ctx, id: string, expected?: Precondition): Promise<PlanRow> {
  const plan = await loadForUpdate(
    tx,
    plans,
    id,
    async () => {
      const row = await planById(tx, id);
      if (!row) throw notFound();
      return row;
    },
    expected,
  );
  if (plan.status !== 'draft')
    throw conflict(msg('plans.not_draft', { version: plan.version, status: plan.status }), [
      fieldError('status', 'plans.not_draft', { version: plan.version, status: plan.status }),
    ]);
  return plan;
}

/** Checks activities against the plan's year and the manager's scope; every failing field is named. */
async function checkActivities(tx: Db, ctx: Ctx, fiscalYear: number, list: ActivityInput[]) {
  const errors: FieldError[] = [];
  const { from, to } = fiscalYearDays(fiscalYear);
  const ids = [...new Set(list.flatMap((a) => a.unitRoots))];
  const units = ids.length
    ? await tx.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, ids))
    : [];
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const manage = scopeOf(ctx.principal, 'plans:manage');
  const keys = new Set<string>();
  const links = await linkNames(
    tx,
    list.map((a) => ({ kind: a.linkKind, ref: a.linkRef })),
  );
  list.forEach((a, i) => {
    const at = (f: string) => `body.activities.${i}.${f}`;
    if (a.dueDate < from || a.dueDate > to) errors.push(fieldError(at('dueDate'), 'plans.date_outside_year', { from, to }));
    if (a.startDate && (a.startDate < from || a.startDate > to))
      errors.push(fieldError(at('startDate'), 'plans.date_outside_year', { from, to }));
    if (a.startDate && a.startDate > a.dueDate) errors.push(fieldError(at('startDate'), 'plans.start_after_due'));
    a.unitRoots.forEach((u, j) => {
      if (!pathOf.has(u) || !covers(manage, pathOf.get(u)))
        errors.push(fieldError(`${at('unitRoots')}.${j}`, 'plans.unit_unknown'));
    });
    if (a.evidence === 'linked' && !a.linkKind) errors.push(fieldError(at('linkKind'), 'plans.link_required'));
    if (a.evidence !== 'linked' && a.linkKind) errors.push(fieldError(at('linkKind'), 'plans.link_only_linked'));
    if (isLinkedKind(a.linkKind) && a.linkRef && !links.has(`${a.linkKind}:${a.linkRef.toLowerCase()}`))
      errors.push(fieldError(at('linkRef'), 'plans.link_unknown'));
    if (a.key) {
      if (keys.has(a.key)) errors.push(fieldError(at('key'), 'plans.key_repeated'));
      keys.add(a.key);
    }
  });
  if (errors.length) throw invalid(errors);
}

/**
 * Changes a draft: its titles and/or its whole list of activities (replaced in the order given; an activity sent
 * with the `key` it had keeps it, so its tasks survive the next publication). A published version is refused (409).
 */
export async function updatePlan(ctx: Ctx, id: string, body: z.output<typeof UpdatePlanBody>, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const plan = await lockDraft(tx, ctx, id, expected);
    if (body.activities) {
      await checkActivities(tx, ctx, plan.fiscalYear, body.activities);
      await tx.delete(planActivities).where(eq(planActivities.planId, id));
      if (body.activities.length)
        await tx.insert(planActivities).values(
          body.activities.map((a, i) => ({
            planId: id,
            ...(a.key ? { key: a.key } : {}),
            position: i + 1,
            kind: a.kind,
            phase: a.phase,
            titleJa: a.titleJa,
            titleEn: a.titleEn,
            startDate: a.startDate,
            dueDate: a.dueDate,
            guide: a.guide,
            guideUrl: a.guideUrl,
            unitRoots: [...new Set(a.unitRoots)],
            unitKinds: [...new Set(a.unitKinds)],
            roles: [...new Set(a.roles)],
            evidence: a.evidence,
            linkKind: a.linkKind,
            linkRef: isLinkedKind(a.linkKind) ? a.linkRef.toLowerCase() : a.linkRef,
            linkThreshold: a.linkThreshold,
          })),
        );
    }
    await tx
      .update(plans)
      .set({ titleJa: body.titleJa ?? plan.titleJa, titleEn: body.titleEn ?? plan.titleEn, updatedAt: new Date() })
      .where(eq(plans.id, id));
    await audit({
      action: 'plan.update',
      targetType: 'plan',
      targetId: id,
      orgPath: null,
      before: { titleJa: plan.titleJa, titleEn: plan.titleEn },
      after: {
        titleJa: body.titleJa ?? plan.titleJa,
        titleEn: body.titleEn ?? plan.titleEn,
        activities: body.activities?.map((a) => ({ kind: a.kind, titleJa: a.titleJa, dueDate: a.dueDate })),
      },
    });
  });
  return getPlan(ctx, id);
}

/** Deletes a draft that was never published. */
export async function deleteDraft(ctx: Ctx, id: string, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const plan = await lockDraft(tx, ctx, id, expected);
    await tx.delete(plans).where(eq(plans.id, id));
    await audit({
      action: 'plan.delete',
      targetType: 'plan',
      targetId: id,
      orgPath: null,
      before: { fiscalYear: plan.fiscalYear, version: plan.version },
    });
  });
}

/**
 * Publishes a draft, in one transaction: the year's published version (if any) becomes superseded, this one is
 * frozen, and the cascade creates, moves and cancels the units' tasks (plan/cascade.ts).
 */
export async function publishPlan(ctx: Ctx, id: string, expected?: Precondition) {
  const counts = await inTransaction(ctx, async (tx, audit) => {
    const plan = await lockDraft(tx, ctx, id, expected);
    const activities = await activitiesOf(tx, id);
    if (!activities.length) throw invalid([fieldError('body.activities', 'plans.no_activities')], msg('plans.no_activities'));
    const previous = await publishedPlan(tx, plan.fiscalYear);
    if (previous) await tx.update(plans).set({ status: 'superseded', updatedAt: new Date() }).where(eq(plans.id, previous.id));
    const now = new Date();
    await tx
      .update(plans)
      .set({ status: 'published', publishedAt: now, publishedBy: ctx.principal!.userId, updatedAt: now })
      .where(eq(plans.id, id));
    const result = await cascadePlan(tx, id, plan.fiscalYear);
    // linked campaigns already finished complete the new tasks at once, not at the next quarter-hour
    await enqueue(tx, planLinkedJob, {});
    await audit({
      action: 'plan.publish',
      targetType: 'plan',
      targetId: id,
      orgPath: null,
      before: { status: 'draft', supersedes: previous?.version ?? null },
      after: {
        status: 'published',
        fiscalYear: plan.fiscalYear,
        version: plan.version,
        tasksCreated: result.created,
        tasksCancelled: result.cancelled,
      },
    });
    return result;
  });
  return { ...(await getPlan(ctx, id)), tasksCreated: counts.created, tasksCancelled: counts.cancelled };
}

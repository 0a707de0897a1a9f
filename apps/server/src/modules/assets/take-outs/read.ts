import type { TakeOut, TakeOutState, TakeOutStatus } from '@mamori/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { covers, scopeOf } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { assetsByIds } from '../service';
import { takeOutClass } from './rules';
import { todayJst } from './settings';
import { takeOutApprovers, takeOutItems, takeOuts, takeOutSteps } from './tables';

export type TakeOutRow = typeof takeOuts.$inferSelect;

/** What a reader sees: an approved take-out is `out` from its first day and `overdue` after its last one. */
export function stateOf(status: TakeOutStatus, periodFrom: string, periodTo: string, today = todayJst()): TakeOutState {
  if (status !== 'approved') return status;
  if (periodTo < today) return 'overdue';
  return periodFrom <= today ? 'out' : 'approved';
}

/**
 * May the reader see this request: its requester, anyone named approver of one of its steps, and holders of
 * take-outs:approve whose scope covers its unit (offices, org heads above it, the CISO). Anyone else gets a 404.
 */
export async function canSee(db: Db, ctx: Ctx, row: TakeOutRow): Promise<{ visible: boolean; approver: boolean }> {
  const me = ctx.principal!.userId;
  const named = await db
    .select({ position: takeOutApprovers.position })
    .from(takeOutApprovers)
    .where(and(eq(takeOutApprovers.takeOutId, row.id), eq(takeOutApprovers.userId, me)))
    .limit(1);
  const visible = row.requesterId === me || named.length > 0 || covers(scopeOf(ctx.principal, 'take-outs:approve'), row.unitPath);
  return { visible, approver: named.length > 0 };
}

/** The row if the reader may see it (null otherwise: the caller answers 404). */
export async function visibleRow(db: Db, ctx: Ctx, id: string): Promise<TakeOutRow | null> {
  const [row] = await db.select().from(takeOuts).where(eq(takeOuts.id, id));
  if (!row) return null;
  return (await canSee(db, ctx, row)).visible ? row : null;
}

/** The whole request as the reader sees it, with what they may do now; null when they may not see it. */
export async function loadTakeOut(ctx: Ctx, id: string, db: Db = ctx.db): Promise<TakeOut | null> {
  const row = await visibleRow(db, ctx, id);
  if (!row) return null;
  const me = ctx.principal!.userId;
  const [items, steps, approvers, [unit]] = await Promise.all([
    db.select().from(takeOutItems).where(eq(takeOutItems.takeOutId, id)).orderBy(asc(takeOutItems.position)),
    db.select().from(takeOutSteps).where(eq(takeOutSteps.takeOutId, id)).orderBy(asc(takeOutSteps.position)),
    db
      .select({ position: takeOutApprovers.position, id: users.id, name: users.name })
      .from(takeOutApprovers)
      .innerJoin(users, eq(users.id, takeOutApprovers.userId))
      .where(eq(takeOutApprovers.takeOutId, id))
      .orderBy(asc(users.name)),
    db.select({ ja: orgUnits.nameJa, en: orgUnits.nameEn }).from(orgUnits).where(eq(orgUnits.id, row.unitId)),
  ]);
  const assets = new Map(
    (
      await assetsByIds(
        db,
        items.map((i) => i.assetId),
      )
    ).map((a) => [a.id, a]),
  );
  const userIds = [row.requesterId, row.closedBy, ...steps.map((s) => s.decidedBy)].filter((x): x is string => !!x);
  const names = new Map(
    (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const person = (uid: string | null) => (uid ? { id: uid, name: names.get(uid) ?? '' } : null);
  const presentItems = await Promise.all(
    items.map(async (i) => {
      const a = assets.get(i.assetId)!;
      const cls = await takeOutClass(db, a.unitId, a.classCode);
      return { assetId: i.assetId, name: a.name, classCode: a.classCode, className: cls.name, copy: i.copy };
    }),
  );
  const isApprover = approvers.some((a) => a.id === me);
  const currentApprovers = approvers.filter((a) => a.position === row.currentStep);
  return {
    id: row.id,
    requester: person(row.requesterId)!,
    unit: { id: row.unitId, ja: unit?.ja ?? '', en: unit?.en ?? '' },
    items: presentItems,
    purpose: row.purpose,
    destination: row.destination,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    medium: row.medium,
    mediumNote: row.mediumNote,
    encrypted: row.encrypted,
    encryptionMethod: row.encryptionMethod,
    ndaConfirmed: row.ndaConfirmed,
    status: row.status,
    state: stateOf(row.status, row.periodFrom, row.periodTo),
    currentStep: row.currentStep,
    steps: steps.map((s) => ({
      position: s.position,
      approver: s.approver,
      approvers: approvers.filter((a) => a.position === s.position).map((a) => ({ id: a.id, name: a.name })),
      decision: s.decision,
      decidedBy: person(s.decidedBy),
      decidedAt: s.decidedAt?.toISOString() ?? null,
      comment: s.comment,
    })),
    closedBy: person(row.closedBy),
    closedAt: row.closedAt?.toISOString() ?? null,
    closeComment: row.closeComment,
    createdAt: row.createdAt.toISOString(),
    can: {
      decide: row.status === 'pending' && currentApprovers.some((a) => a.id === me),
      close: row.status === 'approved' && (row.requesterId === me || isApprover),
      cancel: row.status === 'pending' && row.requesterId === me,
    },
  };
}

import { todayJst, type AssessmentFinding, type AssessmentFindingDetail, type AssessmentFindingQuery } from '@mamori/contracts';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import { escapeLike } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, encodeCursor } from '../../../platform/http/cursor';
import type { Ctx } from '../../../platform/tx';
import { peopleByIds, unitById } from '../../org/service';
import { orgUnits } from '../../org/tables';
import { canAt, inScopeSql } from '../access';
import { systems } from '../tables';
import { acceptedSql, actionableSql, DUE_SOON_DAYS, overdueSql } from './state';
import { addDays } from './apply';
import { assessmentExceptions, assessmentFindingEvents, assessmentFindings, assessments } from './tables';

export type FindingRow = typeof assessmentFindings.$inferSelect;
type Named = { id: string; nameJa: string; nameEn: string };
const named = (r: Named): Named => ({ id: r.id, nameJa: r.nameJa, nameEn: r.nameEn });

/** The finding if the reader's systems:read covers its system's unit, else 404. */
export async function loadFinding(db: Db, ctx: Ctx, id: string): Promise<FindingRow> {
  const [row] = await db.select().from(assessmentFindings).where(eq(assessmentFindings.id, id));
  if (!row || !canAt(ctx, 'systems:read', row.unitPath)) throw notFound();
  return row;
}

/** May ask for an exception: whoever keeps the system (systems:manage) or runs the assessments, in scope. */
export const canRequestException = (ctx: Ctx, unitPath: string) =>
  canAt(ctx, 'systems:manage', unitPath) || canAt(ctx, 'assessments:manage', unitPath);

export async function presentFindings(db: Db, ctx: Ctx, rows: FindingRow[]): Promise<AssessmentFinding[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const today = todayJst();
  const soon = addDays(today, DUE_SOON_DAYS);
  // One round trip for the names and the exception state (a list page is 50 findings), one for the owners.
  const joined = new Map(
    (
      await db
        .select({
          id: assessmentFindings.id,
          system: systems.name,
          assessment: assessments.name,
          unitId: orgUnits.id,
          unitJa: orgUnits.nameJa,
          unitEn: orgUnits.nameEn,
          accepted: acceptedSql(assessmentFindings.id, today).mapWith(Boolean),
        })
        .from(assessmentFindings)
        .innerJoin(systems, eq(systems.id, assessmentFindings.systemId))
        .innerJoin(assessments, eq(assessments.id, assessmentFindings.assessmentId))
        .innerJoin(orgUnits, eq(orgUnits.id, assessmentFindings.unitId))
        .where(inArray(assessmentFindings.id, ids))
    ).map((j) => [j.id, j]),
  );
  const accepted = new Set([...joined.values()].filter((j) => j.accepted).map((j) => j.id));
  const systemNames = new Map(rows.map((r) => [r.systemId, joined.get(r.id)?.system ?? '']));
  const units = new Map(
    [...joined.values()].map((j) => [j.unitId, { id: j.unitId, nameJa: j.unitJa, nameEn: j.unitEn }] as const),
  );
  const names = new Map(rows.map((r) => [r.assessmentId, joined.get(r.id)?.assessment ?? '']));
  const people = new Map(
    (
      await peopleByIds(
        db,
        rows.map((r) => r.ownerPersonId).filter((x): x is string => !!x),
      )
    ).map((p) => [p.id, named(p)]),
  );
  return rows.map((r) => {
    const isAccepted = !r.fixed && accepted.has(r.id);
    const actionable = !r.fixed && !isAccepted;
    const sys = systemNames.get(r.systemId) ?? '';
    return {
      id: r.id,
      rowVersion: r.rowVersion,
      assessment: { id: r.assessmentId, name: names.get(r.assessmentId) ?? '' },
      system: { id: r.systemId, nameJa: sys, nameEn: sys },
      unit: units.get(r.unitId)!,
      owner: r.ownerPersonId ? (people.get(r.ownerPersonId) ?? null) : null,
      ruleId: r.ruleId,
      title: r.title,
      location: r.location,
      severity: r.severity,
      cves: r.cves,
      cwes: r.cwes,
      knownExploited: r.knownExploited,
      state: r.fixed ? 'fixed' : isAccepted ? 'accepted' : 'open',
      firstSeenAt: r.firstSeenAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      fixedAt: r.fixedAt ? r.fixedAt.toISOString() : null,
      dueOn: r.dueOn,
      overdue: actionable && r.dueOn < today,
      dueSoon: actionable && r.dueOn >= today && r.dueOn <= soon,
      incidentId: r.incidentId,
      can: {
        requestException: !r.fixed && canRequestException(ctx, r.unitPath),
        decideException: canAt(ctx, 'assessment-exceptions:approve', r.unitPath),
        openIncident: !r.fixed && !r.incidentId && canAt(ctx, 'incidents:manage', r.unitPath),
      },
    };
  });
}

/** A finding with its history and exceptions. */
export async function getFinding(ctx: Ctx, id: string): Promise<AssessmentFindingDetail> {
  const row = await loadFinding(ctx.db, ctx, id);
  const [finding] = await presentFindings(ctx.db, ctx, [row]);
  const today = todayJst();
  const events = await ctx.db
    .select()
    .from(assessmentFindingEvents)
    .where(eq(assessmentFindingEvents.findingId, id))
    .orderBy(asc(assessmentFindingEvents.at), asc(assessmentFindingEvents.id))
    .limit(500);
  const exceptions = await ctx.db
    .select()
    .from(assessmentExceptions)
    .where(eq(assessmentExceptions.findingId, id))
    .orderBy(desc(assessmentExceptions.requestedAt))
    .limit(100);
  const userIds = [...new Set([...events.map((e) => e.by), ...exceptions.flatMap((e) => [e.requestedBy, e.decidedBy])])];
  const userNames = await userLabels(
    ctx.db,
    userIds.filter((x): x is string => !!x),
  );
  const who = (u: string | null) => (u ? (userNames.get(u) ?? null) : null);
  return {
    ...finding!,
    events: events.map((e) => ({ kind: e.kind, at: e.at.toISOString(), runId: e.runId, by: who(e.by) })),
    exceptions: exceptions.map((e) => ({
      id: e.id,
      status: e.status,
      reason: e.reason,
      expiresOn: e.expiresOn,
      requestedBy: who(e.requestedBy),
      requestedAt: e.requestedAt.toISOString(),
      decidedBy: who(e.decidedBy),
      decidedAt: e.decidedAt ? e.decidedAt.toISOString() : null,
      note: e.note,
      expired: e.expiresOn < today,
    })),
  };
}

async function userLabels(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const Cursor = z.tuple([CursorPart.day, CursorPart.uuid]);

/** Findings in the reader's scope, the most urgent first (due date, then id). */
export async function listFindings(ctx: Ctx, q: AssessmentFindingQuery) {
  const today = todayJst();
  const where: (SQL | undefined)[] = [inScopeSql(ctx, 'systems:read', assessmentFindings.unitPath)];
  if (q.assessmentId) where.push(eq(assessmentFindings.assessmentId, q.assessmentId));
  if (q.systemId) where.push(eq(assessmentFindings.systemId, q.systemId));
  if (q.unitId) {
    const unit = await unitById(ctx.db, q.unitId);
    if (!unit) throw notFound();
    where.push(sql`${assessmentFindings.unitPath} LIKE ${escapeLike(unit.path) + '%'}`);
  }
  if (q.state === 'fixed') where.push(eq(assessmentFindings.fixed, true));
  if (q.state === 'open') where.push(actionableSql(today));
  if (q.state === 'accepted') where.push(sql`(NOT ${assessmentFindings.fixed} AND ${acceptedSql(assessmentFindings.id, today)})`);
  if (q.overdue) where.push(overdueSql(today));
  if (q.q)
    where.push(
      sql`(${assessmentFindings.title} ILIKE ${'%' + escapeLike(q.q) + '%'} OR ${assessmentFindings.ruleId} ILIKE ${'%' + escapeLike(q.q) + '%'} OR ${q.q.toUpperCase()} = ANY(${assessmentFindings.cves}))`,
    );
  if (q.cursor) {
    const [due, id] = decodeCursor(q.cursor, Cursor);
    where.push(sql`(${assessmentFindings.dueOn}, ${assessmentFindings.id}) > (${due}::date, ${id}::uuid)`);
  }
  const rows = await ctx.db
    .select()
    .from(assessmentFindings)
    .where(and(...where))
    .orderBy(asc(assessmentFindings.dueOn), asc(assessmentFindings.id))
    .limit(q.limit + 1);
  const shown = rows.slice(0, q.limit);
  const last = shown.at(-1);
  return {
    items: await presentFindings(ctx.db, ctx, shown),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.dueOn, last.id]) : null,
  };
}

import { ASSESSMENT_CSV_REQUIRED, type SystemAssessment, type AssessmentRun, type CreateAssessmentBody } from '@mamori/contracts';
import { and, count, desc, eq, inArray, max, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { escapeLike } from '../../../platform/access/scope';
import { fieldError, invalid, notFound, type FieldError } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, encodeCursor } from '../../../platform/http/cursor';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { unitById } from '../../org/service';
import { orgUnits } from '../../org/tables';
import { canAt, inScopeSql } from '../access';
import { systems } from '../tables';
import { overdueSql } from './state';
import { assessmentFindings, assessmentRuns, assessments, assessmentTargets } from './tables';

export type AssessmentRow = typeof assessments.$inferSelect;

/** The assessment if the reader's systems:read covers its unit, else 404. */
export async function loadAssessment(db: Db, ctx: Ctx, id: string): Promise<AssessmentRow> {
  const [row] = await db.select().from(assessments).where(eq(assessments.id, id));
  if (!row || !canAt(ctx, 'systems:read', row.unitPath)) throw notFound();
  return row;
}

export async function presentAssessments(db: Db, ctx: Ctx, rows: AssessmentRow[]): Promise<SystemAssessment[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const units = new Map(
    (
      await db
        .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
        .from(orgUnits)
        .where(inArray(orgUnits.id, [...new Set(rows.map((r) => r.unitId))]))
    ).map((u) => [u.id, u]),
  );
  const targets = await db
    .select({ assessmentId: assessmentTargets.assessmentId, id: systems.id, name: systems.name, hosts: assessmentTargets.hosts })
    .from(assessmentTargets)
    .innerJoin(systems, eq(systems.id, assessmentTargets.systemId))
    .where(inArray(assessmentTargets.assessmentId, ids))
    .orderBy(systems.name);
  const runs = new Map(
    (
      await db
        .select({ id: assessmentRuns.assessmentId, n: count(), last: max(assessmentRuns.importedAt) })
        .from(assessmentRuns)
        .where(inArray(assessmentRuns.assessmentId, ids))
        .groupBy(assessmentRuns.assessmentId)
    ).map((r) => [r.id, r]),
  );
  const findings = new Map(
    (
      await db
        .select({
          id: assessmentFindings.assessmentId,
          open: sql<number>`count(*) FILTER (WHERE NOT ${assessmentFindings.fixed})::int`,
          overdue: sql<number>`count(*) FILTER (WHERE ${overdueSql()})::int`,
        })
        .from(assessmentFindings)
        .where(and(inArray(assessmentFindings.assessmentId, ids), inScopeSql(ctx, 'systems:read', assessmentFindings.unitPath)))
        .groupBy(assessmentFindings.assessmentId)
    ).map((r) => [r.id, r]),
  );
  return rows.map((r) => {
    const u = units.get(r.unitId)!;
    const run = runs.get(r.id);
    const last = run?.last as Date | string | null | undefined;
    return {
      id: r.id,
      rowVersion: r.rowVersion,
      name: r.name,
      kind: r.kind,
      unit: { id: u.id, nameJa: u.nameJa, nameEn: u.nameEn },
      targets: targets
        .filter((t) => t.assessmentId === r.id)
        .map((t) => ({ system: { id: t.id, nameJa: t.name, nameEn: t.name }, hosts: t.hosts })),
      csvMapping: r.csvMapping ?? null,
      runs: run?.n ?? 0,
      lastRunAt: last ? new Date(last).toISOString() : null,
      openFindings: findings.get(r.id)?.open ?? 0,
      overdueFindings: findings.get(r.id)?.overdue ?? 0,
      can: { import: canAt(ctx, 'assessments:manage', r.unitPath) },
    };
  });
}

export async function getAssessment(ctx: Ctx, id: string): Promise<SystemAssessment> {
  return (await presentAssessments(ctx.db, ctx, [await loadAssessment(ctx.db, ctx, id)]))[0]!;
}

/**
 * Defines an assessment (assessments:manage covering the unit, else 404): each target an active system in the
 * unit's subtree, named once; a CSV mapping gives a column for each required field. Every failing field named.
 */
export function createAssessment(ctx: Ctx, body: CreateAssessmentBody): Promise<SystemAssessment> {
  return inTransaction(ctx, async (tx, audit) => {
    const unit = await unitById(tx, body.unitId);
    if (!unit || !canAt(ctx, 'assessments:manage', unit.path)) throw notFound();
    const errors: FieldError[] = [];
    const found = new Map(
      (
        await tx
          .select({ id: systems.id, unitPath: systems.unitPath, status: systems.status })
          .from(systems)
          .where(inArray(systems.id, [...new Set(body.targets.map((t) => t.systemId))]))
      ).map((s) => [s.id, s]),
    );
    const seen = new Set<string>();
    body.targets.forEach((t, i) => {
      const s = found.get(t.systemId);
      const path = `body.targets.${i}.systemId`;
      if (!s || s.status !== 'active') errors.push(fieldError(path, 'assessments.system_unknown'));
      else if (!s.unitPath.startsWith(unit.path)) errors.push(fieldError(path, 'assessments.system_outside_unit'));
      else if (seen.has(t.systemId)) errors.push(fieldError(path, 'assessments.system_twice'));
      seen.add(t.systemId);
    });
    if (body.csvMapping)
      for (const f of ASSESSMENT_CSV_REQUIRED)
        if (!body.csvMapping[f])
          errors.push(fieldError(`body.csvMapping.${f}`, 'assessments.mapping_missing_field', { field: f }));
    if (errors.length) throw invalid(errors);
    const [row] = await tx
      .insert(assessments)
      .values({
        name: body.name,
        kind: body.kind,
        unitId: unit.id,
        unitPath: unit.path,
        csvMapping: body.csvMapping,
        createdBy: ctx.principal?.userId ?? null,
      })
      .returning();
    await tx
      .insert(assessmentTargets)
      .values(body.targets.map((t) => ({ assessmentId: row!.id, systemId: t.systemId, hosts: [...new Set(t.hosts)] })));
    await audit({
      action: 'assessment.create',
      targetType: 'assessment',
      targetId: row!.id,
      orgPath: unit.path,
      after: { name: row!.name, kind: row!.kind, targets: body.targets, csvMapping: body.csvMapping },
    });
    return (await presentAssessments(tx, ctx, [row!]))[0]!;
  });
}

const Cursor = z.tuple([CursorPart.pgTimestamp, CursorPart.uuid]);

/** Assessments in the reader's systems:read scope, newest first; by unit subtree or name. */
export async function listAssessments(ctx: Ctx, q: { unitId?: string; limit: number; cursor?: string; q?: string }) {
  const where: (SQL | undefined)[] = [inScopeSql(ctx, 'systems:read', assessments.unitPath)];
  if (q.unitId) {
    const unit = await unitById(ctx.db, q.unitId);
    if (!unit) throw notFound();
    where.push(sql`${assessments.unitPath} LIKE ${escapeLike(unit.path) + '%'}`);
  }
  if (q.q) where.push(sql`${assessments.name} ILIKE ${'%' + escapeLike(q.q) + '%'}`);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, Cursor);
    where.push(sql`(${assessments.createdAt}, ${assessments.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db
    .select({ r: assessments, at: sql<string>`${assessments.createdAt}::text` })
    .from(assessments)
    .where(and(...where))
    .orderBy(desc(assessments.createdAt), desc(assessments.id))
    .limit(q.limit + 1);
  const shown = rows.slice(0, q.limit);
  const last = shown.at(-1);
  return {
    items: await presentAssessments(
      ctx.db,
      ctx,
      shown.map((s) => s.r),
    ),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.at, last.r.id]) : null,
  };
}

export const presentRun = (r: typeof assessmentRuns.$inferSelect): AssessmentRun => ({
  id: r.id,
  format: r.format,
  full: r.full,
  fileName: r.fileName,
  importedAt: r.importedAt.toISOString(),
  results: r.results,
  opened: r.opened,
  reopened: r.reopened,
  fixed: r.fixed,
  seen: r.seen,
});

/** The runs of an assessment, newest first (at most 200). */
export async function listRuns(ctx: Ctx, id: string): Promise<AssessmentRun[]> {
  await loadAssessment(ctx.db, ctx, id);
  const rows = await ctx.db
    .select()
    .from(assessmentRuns)
    .where(eq(assessmentRuns.assessmentId, id))
    .orderBy(desc(assessmentRuns.importedAt), desc(assessmentRuns.id))
    .limit(200);
  return rows.map(presentRun);
}

import type { ReportFormat, ReportRun } from '@mamori/contracts';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { escapeLike, scopeOf, type Scope } from '../../../platform/access/scope';
import { AppError, msg, notFound } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';
import { reportFiles, reportRuns } from '../tables';

/** The read side of report runs: what a reader may see of them, and their files. */
export const FILE_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type RunRow = typeof reportRuns.$inferSelect;

/** A run readable by the caller: theirs, or one computed inside their reports:generate scope. */
function runScopeSql(scope: Scope, userId: string) {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'none') return sql`${reportRuns.generatedBy} = ${userId}`;
  return sql`(${reportRuns.generatedBy} = ${userId} OR (${reportRuns.readPath} <> '' AND (${sql.join(
    scope.paths.map((p) => sql`${reportRuns.readPath} LIKE ${escapeLike(p) + '%'}`),
    sql` OR `,
  )})))`;
}

export async function present(db: Db, rows: RunRow[]): Promise<ReportRun[]> {
  if (!rows.length) return [];
  const files = await db
    .select({ runId: reportFiles.runId, format: reportFiles.format, bytes: reportFiles.bytes, sha256: reportFiles.sha256 })
    .from(reportFiles)
    .where(
      inArray(
        reportFiles.runId,
        rows.map((r) => r.id),
      ),
    );
  const unitIds = [...new Set(rows.map((r) => r.unitId).filter((u): u is string => !!u))];
  const units = unitIds.length
    ? await queryRows<{ id: string; name_ja: string; name_en: string }>(
        db,
        sql`SELECT id::text, name_ja, name_en FROM org_units WHERE id IN (${sql.join(
          unitIds.map((u) => sql`${u}::uuid`),
          sql`, `,
        )})`,
      )
    : [];
  return rows.map((r) => {
    const u = units.find((x) => x.id === r.unitId);
    return {
      id: r.id,
      templateId: r.templateId,
      title: r.title,
      fiscalYear: r.fiscalYear,
      unit: u ? { id: u.id, name: { ja: u.name_ja, en: u.name_en } } : null,
      language: r.language,
      formats: r.formats,
      status: r.status,
      progress: r.progress,
      error: r.error ?? null,
      dataAsOf: r.dataAsOf?.toISOString() ?? null,
      generatedBy: { id: r.generatedBy, name: r.generatedByName },
      createdAt: r.createdAt.toISOString(),
      files: files.filter((f) => f.runId === r.id).map((f) => ({ format: f.format, bytes: f.bytes, sha256: f.sha256 })),
    };
  });
}

export async function listRuns(ctx: Ctx, limit = 50): Promise<ReportRun[]> {
  const rows = await ctx.db
    .select()
    .from(reportRuns)
    .where(runScopeSql(scopeOf(ctx.principal, 'reports:generate'), ctx.principal!.userId))
    .orderBy(desc(reportRuns.createdAt), desc(reportRuns.id))
    .limit(limit);
  return present(ctx.db, rows);
}

async function loadRun(ctx: Ctx, id: string): Promise<RunRow> {
  const [r] = await ctx.db
    .select()
    .from(reportRuns)
    .where(and(eq(reportRuns.id, id), runScopeSql(scopeOf(ctx.principal, 'reports:generate'), ctx.principal!.userId)));
  if (!r) throw notFound();
  return r;
}

export async function getRun(ctx: Ctx, id: string): Promise<ReportRun> {
  return (await present(ctx.db, [await loadRun(ctx, id)]))[0]!;
}

export async function runFile(ctx: Ctx, id: string, format: ReportFormat): Promise<{ content: Buffer; name: string }> {
  const run = await loadRun(ctx, id);
  if (run.status !== 'done') throw new AppError('conflict', msg('reports.not_ready'));
  const [f] = await ctx.db
    .select({ content: reportFiles.content })
    .from(reportFiles)
    .where(and(eq(reportFiles.runId, id), eq(reportFiles.format, format)));
  if (!f) throw new AppError('not-found', msg('reports.format_not_generated'));
  return { content: f.content, name: `${run.templateId}-FY${run.fiscalYear}-${run.language}.${format}` };
}

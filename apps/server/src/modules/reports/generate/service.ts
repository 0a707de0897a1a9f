import { createHash } from 'node:crypto';
import { fiscalYearLabel, type Figure, type ReportDefinition, type ReportFormat, type ReportRun } from '@mamori/contracts';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import type { Scope } from '../../../platform/access/scope';
import { systemActor } from '../../../platform/audit/record';
import { AppError, fieldError, invalid } from '../../../platform/errors/app-error';
import { defineJob } from '../../../platform/jobs/define';
import { enqueue } from '../../../platform/jobs/queue';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { checkFiscalYear } from '../dashboard/service';
import { readerScope } from '../scope';
import { getSource, installedDomains, runSource } from '../sources/registry';
import { checkDefinition, getTemplate } from '../templates/service';
import { mailScheduledRun } from '../schedules/mail';
import { reportFiles, reportRuns } from '../tables';
import { reportDocx } from './docx';
import { buildModel } from './model';
import { reportPdf } from './pdf';
import { present, type RunRow } from './runs';
import { figuresXlsx } from './xlsx';

export const reportGenerateJob = defineJob({
  kind: 'reports.generate',
  payload: z.object({ runId: z.uuid() }),
  // A failure is recorded on the run with its reason; running it again would not change the outcome.
  maxAttempts: 1,
  async handler({ runId }, { db, log, config }) {
    await generateRun(db, runId, log, (tx, run) => mailScheduledRun(tx, run, config.publicUrl));
  },
});

/**
 * Inserts a run and queues its job in the caller's transaction (audited `report.request`): the checks are the caller's
 * (a request checks template, year and scope first; a schedule fixed its scope when it was made).
 */
export async function insertRun(
  tx: Db,
  audit: Audit,
  p: {
    template: { id: string; definition: ReportDefinition };
    fiscalYear: number;
    unitId: string | null;
    scopePaths: string[];
    language: 'ja' | 'en';
    formats: ReportFormat[];
    generatedBy: { id: string | null; name: string };
    scheduleId: string | null;
  },
): Promise<RunRow> {
  const formats = [...new Set(p.formats)];
  const title = `${p.template.definition.title[p.language]} ${fiscalYearLabel(p.fiscalYear, p.language)}`;
  const [r] = await tx
    .insert(reportRuns)
    .values({
      templateId: p.template.id,
      title,
      definition: p.template.definition,
      fiscalYear: p.fiscalYear,
      unitId: p.unitId,
      scopePaths: p.scopePaths,
      readPath: p.scopePaths.length === 1 ? p.scopePaths[0]! : '',
      language: p.language,
      formats,
      generatedBy: p.generatedBy.id,
      generatedByName: p.generatedBy.name,
      scheduleId: p.scheduleId,
    })
    .returning();
  await enqueue(tx, reportGenerateJob, { runId: r!.id });
  await audit({
    action: 'report.request',
    targetType: 'report',
    targetId: r!.id,
    orgPath: p.scopePaths.length === 1 ? p.scopePaths[0] : null,
    after: {
      templateId: p.template.id,
      fiscalYear: p.fiscalYear,
      unitId: p.unitId,
      language: p.language,
      formats,
      ...(p.scheduleId ? { scheduleId: p.scheduleId } : {}),
    },
  });
  return r!;
}

/**
 * Asks for a report: the template is checked against the sources, the parameters against their ranges and the
 * caller's scope, all before anything is queued (RFC 9457 400/404). The run fixes the scope it will be computed in.
 */
export async function requestReport(
  ctx: Ctx,
  body: { templateId: string; fiscalYear: number; unitId: string | null; language: 'ja' | 'en'; formats: ReportFormat[] },
): Promise<ReportRun> {
  const tpl = await getTemplate(ctx.db, body.templateId).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not-found')
      throw invalid([fieldError('body.templateId', 'reports.unknown_template')]);
    throw e;
  });
  checkFiscalYear(body.fiscalYear, new Date(), 'body.fiscalYear');
  const errors = checkDefinition(tpl.definition, 'template');
  if (errors.length) throw invalid(errors);
  const rs = await readerScope(ctx, 'reports:generate', body.unitId, 'body.unitId');
  const scopePaths = rs.scope.kind === 'paths' ? rs.scope.paths : [];
  const row = await inTransaction(ctx, (tx, audit) =>
    insertRun(tx, audit, {
      template: tpl,
      fiscalYear: body.fiscalYear,
      unitId: body.unitId,
      scopePaths,
      language: body.language,
      formats: body.formats,
      generatedBy: { id: ctx.principal!.userId, name: ctx.principal!.name },
      scheduleId: null,
    }),
  );
  return (await present(ctx.db, [row]))[0]!;
}

const setProgress = (db: Db, id: string, progress: number, status?: 'running') =>
  db
    .update(reportRuns)
    .set({ progress, ...(status ? { status } : {}) })
    .where(eq(reportRuns.id, id));

class RunFailure extends Error {
  constructor(readonly failure: { code: string; params?: Record<string, unknown> }) {
    super(failure.code);
  }
}

/** The job: computes each source once, writes the files, then stores them and marks the run done in one transaction. */
export async function generateRun(
  db: Db,
  runId: string,
  log?: { error(o: object, m: string): void },
  /** runs in the transaction that marks the run done (a scheduled run's mails: sent with it or not at all) */
  onDone?: (tx: Db, run: RunRow) => Promise<void>,
): Promise<void> {
  const [run] = await db.select().from(reportRuns).where(eq(reportRuns.id, runId));
  if (!run || run.status === 'done' || run.status === 'failed') return;
  await setProgress(db, runId, 5, 'running');
  const ctx = { db, actor: { ...systemActor('reports.generate'), userId: run.generatedBy }, principal: null };
  try {
    const now = new Date();
    const scope: Scope = run.scopePaths.length ? { kind: 'paths', paths: run.scopePaths } : { kind: 'all' };
    // sections switched off in the template are left out (their sources are not even computed)
    const definition = { ...run.definition, sections: run.definition.sections.filter((s) => !s.hidden) };
    const names = [...new Set(definition.sections.flatMap((s) => s.blocks.map((b) => b.source)))];
    const figures = new Map<string, Figure>();
    for (const [i, name] of names.entries()) {
      const def = getSource(name);
      if (!def) throw new RunFailure({ code: 'reports.unknown_source', params: { source: name } });
      try {
        figures.set(name, await runSource(def, { db, scope, fiscalYear: run.fiscalYear, now }));
      } catch (e) {
        log?.error({ err: e, source: name }, 'report source failed');
        throw new RunFailure({ code: 'reports.failed_source', params: { source: name } });
      }
      await setProgress(db, runId, 5 + Math.round(((i + 1) / names.length) * 55));
    }
    const L = run.language;
    const unitName = run.unitId
      ? (
          await queryRows<{ name_ja: string; name_en: string }>(
            db,
            sql`SELECT name_ja, name_en FROM org_units WHERE id = ${run.unitId}`,
          )
        )[0]
      : undefined;
    const scopeText = unitName
      ? L === 'ja'
        ? unitName.name_ja
        : unitName.name_en
      : L === 'ja'
        ? 'グループ全体'
        : 'The whole group';
    const asOf = now.toLocaleString(L === 'ja' ? 'ja-JP' : 'en-GB', {
      timeZone: 'Asia/Tokyo',
      dateStyle: 'long',
      timeStyle: 'short',
    });
    const facts: [string, string][] =
      L === 'ja'
        ? [
            ['対象年度', fiscalYearLabel(run.fiscalYear, 'ja')],
            ['対象範囲', scopeText],
            ['データ時点', `${asOf}（日本時間）`],
            ['作成者', run.generatedByName],
          ]
        : [
            ['Fiscal year', fiscalYearLabel(run.fiscalYear, 'en')],
            ['Scope', scopeText],
            ['Data as of', `${asOf} (Japan time)`],
            ['Generated by', run.generatedByName],
          ];
    const model = buildModel(definition, L, figures, installedDomains(), facts);
    const footer = L === 'ja' ? `${run.title} 社外秘` : `${run.title} · Internal`;
    const files: { format: ReportFormat; content: Buffer }[] = [];
    for (const format of run.formats) {
      try {
        const content =
          format === 'pdf'
            ? await reportPdf(model, now, footer)
            : format === 'docx'
              ? await reportDocx(model, footer)
              : await figuresXlsx([...figures.values()], L, facts);
        files.push({ format, content });
      } catch (e) {
        log?.error({ err: e, format }, 'report file failed');
        throw new RunFailure({ code: 'reports.failed_render', params: { format: format.toUpperCase() } });
      }
      await setProgress(db, runId, 60 + Math.round((files.length / run.formats.length) * 35));
    }
    await inTransaction(ctx, async (tx, audit) => {
      for (const f of files)
        await tx.insert(reportFiles).values({
          runId,
          format: f.format,
          content: f.content,
          bytes: f.content.length,
          sha256: createHash('sha256').update(f.content).digest('hex'),
        });
      await tx
        .update(reportRuns)
        .set({ status: 'done', progress: 100, dataAsOf: now, finishedAt: new Date() })
        .where(eq(reportRuns.id, runId));
      await onDone?.(tx, run);
      await audit({
        action: 'report.generate',
        targetType: 'report',
        targetId: runId,
        orgPath: run.readPath || null,
        after: {
          templateId: run.templateId,
          fiscalYear: run.fiscalYear,
          unitId: run.unitId,
          dataAsOf: now.toISOString(),
          formats: run.formats,
        },
      });
    });
  } catch (e) {
    const failure = e instanceof RunFailure ? e.failure : { code: 'reports.failed_unknown' };
    if (!(e instanceof RunFailure)) log?.error({ err: e }, 'report generation failed');
    await inTransaction(ctx, async (tx, audit) => {
      // No file of a failed run is kept (none was written before the final transaction; this is the guarantee).
      await tx.delete(reportFiles).where(eq(reportFiles.runId, runId));
      await tx
        .update(reportRuns)
        .set({ status: 'failed', error: failure, finishedAt: new Date() })
        .where(eq(reportRuns.id, runId));
      await audit({
        action: 'report.fail',
        targetType: 'report',
        targetId: runId,
        orgPath: run.readPath || null,
        after: failure,
      });
    });
  }
}

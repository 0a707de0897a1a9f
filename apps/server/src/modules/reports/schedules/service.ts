import { fiscalYearOf, type ReportFormat, type ReportSchedule } from '@mamori/contracts';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { escapeLike, scopeOf, type Scope } from '../../../platform/access/scope';
import { systemActor } from '../../../platform/audit/record';
import { AppError, fieldError, invalid, notFound } from '../../../platform/errors/app-error';
import { defineJob } from '../../../platform/jobs/define';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { insertRun } from '../generate/service';
import { readerScope } from '../scope';
import { reportSchedules } from '../tables';
import { checkDefinition, getTemplate } from '../templates/service';

type Row = typeof reportSchedules.$inferSelect;
type Frequency = Row['frequency'];

const TOKYO = 9 * 3_600_000;
/** 07:00 in Tokyo on the 1st of a month (month 0-based, may overflow into the next year). */
const firstAtSeven = (year: number, month: number) => new Date(Date.UTC(year, month, 1, 7) - TOKYO);

/**
 * The next slot strictly after `after`: the 1st of a month at 07:00 in Tokyo (monthly), or 1 April at 07:00, the first
 * day of the fiscal year (yearly).
 */
export function nextSlot(frequency: Frequency, after: Date): Date {
  const t = new Date(after.getTime() + TOKYO);
  const y = t.getUTCFullYear();
  if (frequency === 'monthly') {
    const m = t.getUTCMonth();
    const here = firstAtSeven(y, m);
    return here > after ? here : firstAtSeven(y, m + 1);
  }
  const april = firstAtSeven(y, 3);
  return april > after ? april : firstAtSeven(y + 1, 3);
}

/** A slot reports on the fiscal year of the day before it: on 1 April, the year just ended. */
export const slotFiscalYear = (slot: Date): number => fiscalYearOf(new Date(slot.getTime() - 86_400_000));

function scheduleScopeSql(scope: Scope, userId: string) {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'none') return sql`${reportSchedules.createdBy} = ${userId}`;
  return sql`(${reportSchedules.createdBy} = ${userId} OR (${reportSchedules.readPath} <> '' AND (${sql.join(
    scope.paths.map((p) => sql`${reportSchedules.readPath} LIKE ${escapeLike(p) + '%'}`),
    sql` OR `,
  )})))`;
}

async function present(db: Db, rows: Row[]): Promise<ReportSchedule[]> {
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
  const titles = new Map<string, string>();
  for (const r of rows) {
    const key = `${r.templateId}:${r.language}`;
    if (!titles.has(key))
      titles.set(
        key,
        await getTemplate(db, r.templateId).then(
          (t) => t.definition.title[r.language],
          () => r.templateId,
        ),
      );
  }
  return rows.map((r) => {
    const u = units.find((x) => x.id === r.unitId);
    return {
      id: r.id,
      templateId: r.templateId,
      title: titles.get(`${r.templateId}:${r.language}`)!,
      unit: u ? { id: u.id, name: { ja: u.name_ja, en: u.name_en } } : null,
      language: r.language,
      formats: r.formats,
      frequency: r.frequency,
      recipients: r.recipients,
      nextRunAt: r.nextRunAt.toISOString(),
      lastRunId: r.lastRunId,
      createdBy: { id: r.createdBy, name: r.createdByName },
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/**
 * Schedules a report: the same checks as asking for one (template, sources, scope unit) before anything is stored; the
 * scope is fixed now, as a run's, so each scheduled run computes what its author could see.
 */
export async function createSchedule(
  ctx: Ctx,
  body: {
    templateId: string;
    unitId: string | null;
    language: 'ja' | 'en';
    formats: ReportFormat[];
    frequency: Frequency;
    recipients: string[];
  },
): Promise<ReportSchedule> {
  const tpl = await getTemplate(ctx.db, body.templateId).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not-found')
      throw invalid([fieldError('body.templateId', 'reports.unknown_template')]);
    throw e;
  });
  const errors = checkDefinition(tpl.definition, 'template');
  if (errors.length) throw invalid(errors);
  const rs = await readerScope(ctx, 'reports:generate', body.unitId, 'body.unitId');
  const scopePaths = rs.scope.kind === 'paths' ? rs.scope.paths : [];
  const row = await inTransaction(ctx, async (tx, audit) => {
    const [r] = await tx
      .insert(reportSchedules)
      .values({
        templateId: tpl.id,
        unitId: body.unitId,
        scopePaths,
        readPath: scopePaths.length === 1 ? scopePaths[0]! : '',
        language: body.language,
        formats: [...new Set(body.formats)],
        frequency: body.frequency,
        recipients: [...new Set(body.recipients.map((e) => e.toLowerCase()))],
        nextRunAt: nextSlot(body.frequency, new Date()),
        createdBy: ctx.principal!.userId,
        createdByName: ctx.principal!.name,
      })
      .returning();
    await audit({
      action: 'report-schedule.create',
      targetType: 'report-schedule',
      targetId: r!.id,
      orgPath: r!.readPath || null,
      after: { templateId: r!.templateId, unitId: r!.unitId, frequency: r!.frequency, recipients: r!.recipients },
    });
    return r!;
  });
  return (await present(ctx.db, [row]))[0]!;
}

export async function listSchedules(ctx: Ctx): Promise<ReportSchedule[]> {
  const rows = await ctx.db
    .select()
    .from(reportSchedules)
    .where(scheduleScopeSql(scopeOf(ctx.principal, 'reports:generate'), ctx.principal!.userId))
    .orderBy(asc(reportSchedules.nextRunAt), asc(reportSchedules.id))
    .limit(200);
  return present(ctx.db, rows);
}

/** Stops a schedule (its runs stay). Someone who cannot see it gets 404. */
export async function deleteSchedule(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    const [r] = await tx
      .delete(reportSchedules)
      .where(and(eq(reportSchedules.id, id), scheduleScopeSql(scopeOf(ctx.principal, 'reports:generate'), ctx.principal!.userId)))
      .returning();
    if (!r) throw notFound();
    await audit({
      action: 'report-schedule.delete',
      targetType: 'report-schedule',
      targetId: id,
      orgPath: r.readPath || null,
      before: { templateId: r.templateId, unitId: r.unitId, frequency: r.frequency, recipients: r.recipients },
    });
  });
}

/**
 * Queues a run for every schedule whose slot has come, one schedule per transaction: the row is claimed with SKIP
 * LOCKED and its next slot set in the transaction that queues the run, so two processes never run a slot twice. A
 * schedule whose template was deleted or no longer checks moves on to its next slot without a run.
 */
export async function runDueSchedules(db: Db, now = new Date()): Promise<number> {
  const ctx: Ctx = { db, actor: systemActor('reports.schedules'), principal: null };
  let queued = 0;
  for (;;) {
    const done = await inTransaction(ctx, async (tx, audit) => {
      const [s] = await tx
        .select()
        .from(reportSchedules)
        .where(lte(reportSchedules.nextRunAt, now))
        .orderBy(asc(reportSchedules.nextRunAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!s) return true;
      const slot = s.nextRunAt;
      const tpl = await getTemplate(tx, s.templateId).catch(() => null);
      let runId: string | null = null;
      if (tpl && !checkDefinition(tpl.definition, 'template').length) {
        const run = await insertRun(tx, audit, {
          template: tpl,
          fiscalYear: slotFiscalYear(slot),
          unitId: s.unitId,
          scopePaths: s.scopePaths,
          language: s.language,
          formats: s.formats,
          generatedBy: { id: s.createdBy, name: s.createdByName },
          scheduleId: s.id,
        });
        runId = run.id;
        queued++;
      }
      // A server that was down for months runs the latest slot once, not every missed one.
      await tx
        .update(reportSchedules)
        .set({ nextRunAt: nextSlot(s.frequency, now > slot ? now : slot), lastRunId: runId ?? s.lastRunId })
        .where(eq(reportSchedules.id, s.id));
      return false;
    });
    if (done) return queued;
  }
}

export const reportSchedulesJob = defineJob({
  kind: 'reports.schedules',
  payload: z.object({}),
  async handler(_p, { db, log }) {
    const n = await runDueSchedules(db);
    if (n) log.info({ queued: n }, 'scheduled reports queued');
  },
});

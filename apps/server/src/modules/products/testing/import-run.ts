import { createHash } from 'node:crypto';
import type { TestRunImportQuery } from '@mamori/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { fieldError, invalid } from '../../../platform/errors/app-error';
import { readJunit, type JunitCase } from '../../../platform/files/junit';
import { readSarif, type SarifFinding } from '../../../platform/files/sarif';
import { lockRow } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { releases } from '../tables';
import { loadPlan, presentRun, type PlanRow } from './read';
import { testCaseResults, testCases, testFindings, testPlanRuns, testPlans } from './tables';

type ImportQuery = z.output<typeof TestRunImportQuery>;
const CHUNK = 1000;
const chunks = <T>(xs: T[], n = CHUNK) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The plan, locked with its release: a run never lands between the ship gate's check and the release's shipping. */
async function lockPlan(tx: Db, ctx: Ctx, planId: string, method: ImportQuery['method']): Promise<PlanRow> {
  const plan = await loadPlan(tx, scopeOf(ctx.principal, 'products:manage'), planId);
  await lockRow(tx, releases, plan.plan.releaseId);
  await lockRow(tx, testPlans, planId);
  if (!plan.plan.methods.includes(method))
    throw invalid([fieldError('query.method', 'testing.method_not_in_plan', { method, methods: plan.plan.methods.join(', ') })]);
  return plan;
}

async function insertRun(tx: Db, ctx: Ctx, planId: string, q: ImportQuery, extra: Partial<typeof testPlanRuns.$inferInsert>) {
  const [run] = await tx
    .insert(testPlanRuns)
    .values({
      planId,
      method: q.method,
      interface: q.interface ?? null,
      performedOn: q.performedOn,
      retest: q.retest,
      importedBy: ctx.actor.userId,
      source: 'sarif',
      ...extra,
    })
    .returning();
  return run!;
}

/** One finding per fingerprint: a log that reports the same thing twice counts it once, at its highest severity. */
function byFingerprint(findings: SarifFinding[]): Map<string, SarifFinding> {
  const order = ['low', 'medium', 'high', 'critical'];
  const map = new Map<string, SarifFinding>();
  for (const f of findings) {
    const had = map.get(f.fingerprint);
    if (!had || order.indexOf(f.severity) > order.indexOf(had.severity)) map.set(f.fingerprint, f);
  }
  return map;
}

/**
 * Imports a SARIF 2.1.0 log as a run of a plan. Findings are de-duplicated by fingerprint across the plan's runs
 * (first and last run that saw each): a new one opens; one seen again keeps its status, or reopens if it was fixed
 * or closed; one this run's method and tool no longer report is fixed pending retest, and a retest run (of the
 * same method) closes it. Accepted and false-positive findings keep their status. The log is refused whole when
 * it fails the schema, and nothing is written.
 */
export async function importSarifRun(ctx: Ctx, planId: string, text: string, q: ImportQuery) {
  const report = readSarif(text);
  const seen = byFingerprint(report.findings);
  const fileSha256 = sha256(text);
  return inTransaction(ctx, async (tx, audit) => {
    const plan = await lockPlan(tx, ctx, planId, q.method);
    const run = await insertRun(tx, ctx, planId, q, {
      source: 'sarif',
      tool: report.tools.join(', ').slice(0, 300) || null,
      fileSha256,
      results: report.findings.length,
    });
    const existing = await tx
      .select({
        id: testFindings.id,
        fingerprint: testFindings.fingerprint,
        status: testFindings.status,
        method: testFindings.method,
        tool: testFindings.tool,
      })
      .from(testFindings)
      .where(eq(testFindings.planId, planId));
    const known = new Map(existing.map((f) => [f.fingerprint, f]));
    const fresh = [...seen.values()].filter((f) => !known.has(f.fingerprint));
    for (const part of chunks(fresh))
      await tx.insert(testFindings).values(
        part.map((f) => ({
          planId,
          releaseId: plan.plan.releaseId,
          fingerprint: f.fingerprint,
          method: q.method,
          tool: f.tool,
          ruleId: f.ruleId,
          message: f.message,
          uri: f.uri,
          startLine: f.startLine,
          severity: f.severity,
          firstSeenRunId: run.id,
          lastSeenRunId: run.id,
        })),
      );
    const again = existing.filter((f) => seen.has(f.fingerprint));
    const reopen = again.filter((f) => f.status === 'fixed_pending_retest' || f.status === 'closed').map((f) => f.id);
    const tools = new Set(report.tools);
    const gone = existing.filter((f) => !seen.has(f.fingerprint) && f.method === q.method && tools.has(f.tool));
    const pending = gone.filter((f) => f.status === 'open' && !q.retest).map((f) => f.id);
    const closed = gone.filter((f) => q.retest && (f.status === 'open' || f.status === 'fixed_pending_retest')).map((f) => f.id);
    const now = new Date();
    const setStatus = async (ids: string[], status: 'open' | 'fixed_pending_retest' | 'closed') => {
      for (const part of chunks(ids, 5000))
        await tx.update(testFindings).set({ status, updatedAt: now }).where(inArray(testFindings.id, part));
    };
    for (const part of chunks(
      again.map((f) => f.id),
      5000,
    ))
      await tx.update(testFindings).set({ lastSeenRunId: run.id, updatedAt: now }).where(inArray(testFindings.id, part));
    await setStatus(reopen, 'open');
    await setStatus(pending, 'fixed_pending_retest');
    await setStatus(closed, 'closed');
    const counts = {
      new: fresh.length,
      seenAgain: again.length,
      reopened: reopen.length,
      fixedPendingRetest: pending.length,
      closed: closed.length,
      casesMatched: 0,
    };
    await audit({
      action: 'test_run.import',
      targetType: 'product_test_plan',
      targetId: planId,
      orgPath: plan.orgPath,
      after: {
        runId: run.id,
        source: 'sarif',
        method: q.method,
        retest: q.retest,
        fileSha256,
        results: report.findings.length,
        ...counts,
      },
    });
    return { run: presentRun(run, null), ...counts };
  });
}

/** Imports a JUnit XML report as a run: each test case's result, matched to the plan's cases by title. */
export async function importJunitRun(ctx: Ctx, planId: string, text: string, q: ImportQuery) {
  const cases = readJunit(text);
  const fileSha256 = sha256(text);
  return inTransaction(ctx, async (tx, audit) => {
    const plan = await lockPlan(tx, ctx, planId, q.method);
    const run = await insertRun(tx, ctx, planId, q, { source: 'junit', tool: 'JUnit XML', fileSha256, results: cases.length });
    const planCases = await tx
      .select({ id: testCases.id, title: testCases.title })
      .from(testCases)
      .where(eq(testCases.planId, planId));
    const byTitle = new Map(planCases.map((c) => [c.title, c.id]));
    const caseOf = (c: JunitCase) =>
      byTitle.get(c.name) ?? (c.className ? byTitle.get(`${c.className}.${c.name}`) : undefined) ?? null;
    for (const part of chunks(cases))
      await tx.insert(testCaseResults).values(
        part.map((c) => ({
          runId: run.id,
          caseId: caseOf(c),
          suite: c.suite,
          name: c.name,
          outcome: c.outcome,
          message: c.message,
        })),
      );
    // each matched case takes the outcome of its last result in this run
    const last = new Map<string, JunitCase['outcome']>();
    for (const c of cases) {
      const id = caseOf(c);
      if (id) last.set(id, c.outcome);
    }
    for (const [id, outcome] of last)
      await tx
        .update(testCases)
        .set({ lastOutcome: outcome, lastRunAt: sql`now()` })
        .where(and(eq(testCases.id, id), eq(testCases.planId, planId)));
    const counts = { new: 0, seenAgain: 0, reopened: 0, fixedPendingRetest: 0, closed: 0, casesMatched: last.size };
    await audit({
      action: 'test_run.import',
      targetType: 'product_test_plan',
      targetId: planId,
      orgPath: plan.orgPath,
      after: {
        runId: run.id,
        source: 'junit',
        method: q.method,
        fileSha256,
        results: cases.length,
        failed: cases.filter((c) => c.outcome === 'failed' || c.outcome === 'error').length,
        casesMatched: last.size,
      },
    });
    return { run: presentRun(run, null), ...counts };
  });
}

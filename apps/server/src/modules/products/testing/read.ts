import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client';
import { covers, scopeSql, type Scope } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { notFound } from '../../../platform/errors/app-error';
import { orgUnits } from '../../org/tables';
import { products, releases } from '../tables';
import { testCases, testEvidence, testFindings, testPlanRuns, testPlans } from './tables';

const planColumns = {
  plan: testPlans,
  orgPath: orgUnits.path,
  productCode: products.code,
  productNameJa: products.nameJa,
  productNameEn: products.nameEn,
  releaseVersion: releases.version,
};
const selectPlans = (db: Db) =>
  db
    .select(planColumns)
    .from(testPlans)
    .innerJoin(products, eq(products.id, testPlans.productId))
    .innerJoin(orgUnits, eq(orgUnits.id, products.orgUnitId))
    .innerJoin(releases, eq(releases.id, testPlans.releaseId));
export type PlanRow = Awaited<ReturnType<typeof selectPlans>>[number];

/** A plan inside the scope (its product's division); 404 otherwise, also for "exists but not yours". */
export async function loadPlan(db: Db, scope: Scope, id: string): Promise<PlanRow> {
  const [row] = await selectPlans(db).where(eq(testPlans.id, id));
  if (!row || !covers(scope, row.orgPath)) throw notFound('The test plan');
  return row;
}

export async function listPlanRows(db: Db, scope: Scope, where: SQL[]): Promise<PlanRow[]> {
  return selectPlans(db)
    .where(and(scopeSql(scope, orgUnits.path), ...where))
    .orderBy(asc(products.code), desc(releases.createdAt), asc(testPlans.createdAt))
    .limit(500);
}

export const presentPlan = (r: PlanRow) => ({
  id: r.plan.id,
  rowVersion: r.plan.rowVersion,
  productId: r.plan.productId,
  productCode: r.productCode,
  productNameJa: r.productNameJa,
  productNameEn: r.productNameEn,
  releaseId: r.plan.releaseId,
  releaseVersion: r.releaseVersion,
  title: r.plan.title,
  scope: r.plan.scope,
  depthKind: r.plan.depthKind,
  depthLevel: r.plan.depthLevel,
  methods: r.plan.methods,
  interfaces: r.plan.interfaces,
  testerIndependence: r.plan.testerIndependence,
  testerName: r.plan.testerName,
  authorisation: r.plan.authorisation,
  updatedAt: r.plan.updatedAt.toISOString(),
});

/** Today in Japan, the group's calendar: an acceptance "until 2026-12-31" holds through that day in Tokyo. */
export const todayJst = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

const requester = alias(users, 'requester');
const approver = alias(users, 'approver');
const firstRun = alias(testPlanRuns, 'first_run');
const lastRun = alias(testPlanRuns, 'last_run');

/** Findings of plans, most severe first, with the acceptance people's e-mail addresses and first/last seen dates. */
export async function findingsOf(db: Db, where: SQL) {
  const today = todayJst();
  const rows = await db
    .select({
      f: testFindings,
      requestedBy: requester.email,
      approvedBy: approver.email,
      firstSeenOn: firstRun.performedOn,
      lastSeenOn: lastRun.performedOn,
    })
    .from(testFindings)
    .innerJoin(firstRun, eq(firstRun.id, testFindings.firstSeenRunId))
    .innerJoin(lastRun, eq(lastRun.id, testFindings.lastSeenRunId))
    .leftJoin(requester, eq(requester.id, testFindings.acceptanceRequestedBy))
    .leftJoin(approver, eq(approver.id, testFindings.acceptanceApprovedBy))
    .where(where)
    .orderBy(asc(testFindings.ruleId), asc(testFindings.id));
  const rank = { critical: 0, high: 1, medium: 2, low: 3 } as const;
  return rows
    .map(({ f, requestedBy, approvedBy, firstSeenOn, lastSeenOn }) => ({
      id: f.id,
      rowVersion: f.rowVersion,
      planId: f.planId,
      releaseId: f.releaseId,
      method: f.method,
      tool: f.tool,
      ruleId: f.ruleId,
      message: f.message,
      uri: f.uri,
      startLine: f.startLine,
      severity: f.severity,
      status: f.status,
      firstSeenRunId: f.firstSeenRunId,
      lastSeenRunId: f.lastSeenRunId,
      firstSeenOn,
      lastSeenOn,
      acceptanceReason: f.acceptanceReason,
      acceptanceRequestedBy: requestedBy,
      acceptanceApprovedBy: approvedBy,
      acceptedUntil: f.acceptedUntil,
      acceptanceExpired: f.status === 'accepted' && !!f.acceptedUntil && f.acceptedUntil < today,
      updatedAt: f.updatedAt.toISOString(),
    }))
    .sort((a, b) => rank[a.severity] - rank[b.severity]);
}

export async function planDetail(db: Db, row: PlanRow) {
  const id = row.plan.id;
  const [cases, runs, findings, evidence] = await Promise.all([
    db.select().from(testCases).where(eq(testCases.planId, id)).orderBy(asc(testCases.title)),
    db
      .select({ r: testPlanRuns, importedBy: users.email })
      .from(testPlanRuns)
      .leftJoin(users, eq(users.id, testPlanRuns.importedBy))
      .where(eq(testPlanRuns.planId, id))
      .orderBy(desc(testPlanRuns.performedOn), desc(testPlanRuns.createdAt)),
    findingsOf(db, eq(testFindings.planId, id)),
    db
      .select({ e: testEvidence, uploadedBy: users.email })
      .from(testEvidence)
      .leftJoin(users, eq(users.id, testEvidence.uploadedBy))
      .where(eq(testEvidence.planId, id))
      .orderBy(desc(testEvidence.uploadedAt)),
  ]);
  return {
    ...presentPlan(row),
    cases: cases.map(presentCase),
    runs: runs.map(({ r, importedBy }) => presentRun(r, importedBy)),
    findings,
    evidence: evidence.map(({ e, uploadedBy }) => ({
      id: e.id,
      planId: e.planId,
      runId: e.runId,
      name: e.name,
      mediaType: e.mediaType,
      size: e.size,
      sha256: e.sha256,
      uploadedBy,
      uploadedAt: e.uploadedAt.toISOString(),
    })),
  };
}

export const presentCase = (c: typeof testCases.$inferSelect) => ({
  id: c.id,
  planId: c.planId,
  title: c.title,
  method: c.method,
  interface: c.interface,
  goalRef: c.goalRef,
  requirementRef: c.requirementRef,
  attackPathRef: c.attackPathRef,
  lastOutcome: c.lastOutcome,
  lastRunAt: c.lastRunAt?.toISOString() ?? null,
});

export const presentRun = (r: typeof testPlanRuns.$inferSelect, importedBy: string | null) => ({
  id: r.id,
  planId: r.planId,
  source: r.source,
  method: r.method,
  interface: r.interface,
  tool: r.tool,
  performedOn: r.performedOn,
  retest: r.retest,
  fileSha256: r.fileSha256,
  results: r.results,
  importedBy,
  createdAt: r.createdAt.toISOString(),
});

/** The plan ids of a finding's scope check: the finding's plan, loaded through `loadPlan`. */
export async function loadFinding(db: Db, scope: Scope, id: string) {
  const [f] = await db.select().from(testFindings).where(eq(testFindings.id, id));
  if (!f) throw notFound('The finding');
  const plan = await loadPlan(db, scope, f.planId);
  return { finding: f, plan };
}

export async function findingView(db: Db, id: string) {
  const [view] = await findingsOf(db, inArray(testFindings.id, [id]));
  return view!;
}

import { FINDING_SEVERITIES, type CreateTestRunBody, type UpdateFindingBody, type UpdateReleaseBody } from '@mamori/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { scopeOf } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { conflict, notFound, msg, fieldError } from '../../platform/errors/app-error';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { loadRelease, loadReleaseForUpdate, presentRelease } from './products';
import { findings, releases, testRuns } from './tables';
import { evaluateShipGate, shipGateBlocked } from './testing/gate';
import { severityName } from './names';

type Severity = (typeof FINDING_SEVERITIES)[number];
const rank = (s: Severity) => FINDING_SEVERITIES.indexOf(s);

async function runsOf(db: Db, releaseId: string) {
  const runs = await db
    .select()
    .from(testRuns)
    .where(eq(testRuns.releaseId, releaseId))
    .orderBy(asc(testRuns.performedOn), asc(testRuns.id));
  const rows = runs.length
    ? await db
        .select({ f: findings, acceptedBy: users.email })
        .from(findings)
        .leftJoin(users, eq(users.id, findings.acceptedBy))
        .where(
          inArray(
            findings.testRunId,
            runs.map((r) => r.id),
          ),
        )
        .orderBy(asc(findings.createdAt), asc(findings.id))
    : [];
  return runs.map((r) => ({
    id: r.id,
    releaseId: r.releaseId,
    kind: r.kind,
    performedOn: r.performedOn,
    summary: r.summary,
    findings: rows
      .filter((x) => x.f.testRunId === r.id)
      .map(({ f, acceptedBy }) => ({
        id: f.id,
        testRunId: f.testRunId,
        title: f.title,
        severity: f.severity,
        status: f.status,
        acceptedBy,
        acceptanceReason: f.acceptanceReason,
        updatedAt: f.updatedAt.toISOString(),
      }))
      // most severe first; rows inserted together share created_at, so the order is the severity's
      .sort((a, b) => rank(b.severity) - rank(a.severity) || a.title.localeCompare(b.title)),
  }));
}

export async function listTestRuns(ctx: Ctx, productId: string, releaseId: string) {
  await loadRelease(ctx.db, scopeOf(ctx.principal, 'products:read'), productId, releaseId);
  return { items: await runsOf(ctx.db, releaseId) };
}

export function recordTestRun(ctx: Ctx, productId: string, releaseId: string, body: z.infer<typeof CreateTestRunBody>) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const { product } = await loadReleaseForUpdate(tx, scope, productId, releaseId);
    const [run] = await tx
      .insert(testRuns)
      .values({ releaseId, kind: body.kind, performedOn: body.performedOn, summary: body.summary ?? null })
      .returning();
    if (body.findings.length)
      await tx.insert(findings).values(body.findings.map((f) => ({ ...f, testRunId: run!.id, releaseId })));
    await audit({
      action: 'security_test.record',
      targetType: 'product_release',
      targetId: releaseId,
      orgPath: product.orgPath,
      after: { testRunId: run!.id, kind: body.kind, performedOn: body.performedOn, findings: body.findings },
    });
    return (await runsOf(tx, releaseId)).find((r) => r.id === run!.id)!;
  });
}

/** Fix status of a finding; accepting the risk records the caller as the named approver, with the reason. */
export function updateFinding(
  ctx: Ctx,
  productId: string,
  releaseId: string,
  findingId: string,
  body: z.infer<typeof UpdateFindingBody>,
) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const { product } = await loadReleaseForUpdate(tx, scope, productId, releaseId);
    const [before] = await tx
      .select()
      .from(findings)
      .where(and(eq(findings.id, findingId), eq(findings.releaseId, releaseId)));
    if (!before) throw notFound('The finding');
    const accepted = body.status === 'risk_accepted';
    const [after] = await tx
      .update(findings)
      .set({
        status: body.status,
        acceptedBy: accepted ? ctx.actor.userId : null,
        acceptanceReason: accepted ? body.acceptanceReason! : null,
        acceptedAt: accepted ? new Date() : null,
        updatedAt: new Date(),
      })
      .where(eq(findings.id, findingId))
      .returning();
    const view = (f: typeof before) => ({ status: f.status, acceptedBy: f.acceptedBy, acceptanceReason: f.acceptanceReason });
    await audit({
      action: accepted ? 'security_finding.accept_risk' : 'security_finding.update',
      targetType: 'security_finding',
      targetId: findingId,
      orgPath: product.orgPath,
      before: view(before),
      after: view(after!),
    });
    return (await runsOf(tx, releaseId)).flatMap((r) => r.findings).find((f) => f.id === findingId)!;
  });
}

/**
 * Changes a release; marking it shipped passes the ship gate: no open finding above the product's gate
 * severity (fixed, false positive and risk-accepted findings do not block).
 */
export function updateRelease(
  ctx: Ctx,
  productId: string,
  releaseId: string,
  body: z.infer<typeof UpdateReleaseBody>,
  expected?: Precondition,
) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    // Locked, as are test runs and finding changes: no finding opens between the gate's check and the ship.
    const { product, release } = await loadReleaseForUpdate(tx, scope, productId, releaseId, expected);
    if (body.version !== undefined && body.version !== release.version && release.status === 'shipped')
      throw conflict(msg('products.shipped_version'), [fieldError('body.version', 'products.release_shipped')]);
    if (body.status === 'shipped' && release.status !== 'shipped') {
      const open = await tx
        .select({ id: findings.id, title: findings.title, severity: findings.severity })
        .from(findings)
        .where(and(eq(findings.releaseId, releaseId), eq(findings.status, 'open')));
      const blocking = open.filter((f) => rank(f.severity) > rank(product.shipGateSeverity));
      if (blocking.length)
        throw conflict(
          msg('products.ship_blocked', { count: blocking.length, severity: severityName(product.shipGateSeverity) }),
          blocking.map((f) =>
            fieldError(`findings.${f.id}`, 'products.ship_blocking_finding', {
              severity: severityName(f.severity),
              title: f.title,
            }),
          ),
        );
      // the gate's rules from the setting: test-plan findings, retests, SBOM, TARA extension points (testing/gate.ts)
      const gate = await evaluateShipGate(tx, product, release);
      if (!gate.passes) throw shipGateBlocked(gate);
    }
    const [after] = await tx
      .update(releases)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(releases.id, releaseId))
      .returning();
    await audit({
      action: body.status === 'shipped' && release.status !== 'shipped' ? 'product_release.ship' : 'product_release.update',
      targetType: 'product_release',
      targetId: releaseId,
      orgPath: product.orgPath,
      before: presentRelease(release),
      after: presentRelease(after!),
    });
    return presentRelease(after!);
  });
}

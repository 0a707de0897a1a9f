import type { CreateSoaBody, ReturnSoaBody, SoaVersion } from '@mamori/contracts';
import { desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { covers, scopeOf } from '../../platform/access/scope';
import { conflict, fieldError, invalid, msg, notFound } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { controlIds } from './service';
import { loadSoaFor, versionByNumber } from './soa-access';
import { getVersion } from './soa-read';
import { soaEntries, soas, soaVersions } from './tables';

type Version = typeof soaVersions.$inferSelect;

/** Creates the SoA of a scope with its first version: a draft listing the 93 controls, none decided yet. */
export async function createSoa(ctx: Ctx, body: z.infer<typeof CreateSoaBody>): Promise<SoaVersion> {
  const id = await inTransaction(ctx, async (tx, audit) => {
    const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, body.scopeUnitId));
    const manage = scopeOf(ctx.principal, 'soa:manage');
    if (!unit || !covers(manage, unit.path)) throw invalid([fieldError('body.scopeUnitId', 'soa.scope_unknown')]);
    const [exists] = await tx.select({ id: soas.id }).from(soas).where(eq(soas.scopeUnitId, unit.id));
    if (exists) throw conflict(msg('soa.exists'), [fieldError('body.scopeUnitId', 'soa.exists')]);
    const [soa] = await tx
      .insert(soas)
      .values({ scopeUnitId: unit.id, createdBy: ctx.principal!.userId })
      .onConflictDoNothing()
      .returning();
    if (!soa) throw conflict(msg('soa.exists'), [fieldError('body.scopeUnitId', 'soa.exists')]);
    const [v] = await tx.insert(soaVersions).values({ soaId: soa.id, number: 1, createdBy: ctx.principal!.userId }).returning();
    await tx.insert(soaEntries).values(controlIds().map((controlId) => ({ versionId: v!.id, controlId })));
    await audit({
      action: 'soa.create',
      targetType: 'soa',
      targetId: soa.id,
      orgPath: unit.path,
      after: { scopeUnitId: unit.id },
    });
    return soa.id;
  });
  return getVersion(ctx, id, 1);
}

/**
 * Locks the version for a change: the SoA in the caller's scope for `action`, the version's row lock, the
 * client's If-Match checked under it, and the version in one of the allowed states (409 with the reason otherwise).
 */
export async function lockVersion(
  tx: Db,
  ctx: Ctx,
  id: string,
  number: number,
  action: 'soa:manage' | 'soa:approve',
  allowed: Version['status'][],
  expected?: Precondition,
) {
  const soa = await loadSoaFor(tx, ctx, id, action);
  const found = await versionByNumber(tx, id, number);
  const version = await loadForUpdate(tx, soaVersions, found.id, () => versionByNumber(tx, id, number), expected);
  if (!allowed.includes(version.status))
    throw conflict(
      msg(allowed[0] === 'draft' ? 'soa.not_draft' : 'soa.not_in_review', { version: number, status: version.status }),
    );
  return { soa, version };
}

/** Draft → review, refused while a control is undecided or an excluded control has no justification. */
export async function submitVersion(ctx: Ctx, id: string, number: number, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const { soa, version } = await lockVersion(tx, ctx, id, number, 'soa:manage', ['draft'], expected);
    const entries = await tx.select().from(soaEntries).where(eq(soaEntries.versionId, version.id));
    const undecided = entries.filter((e) => e.applicable === null).map((e) => e.controlId);
    const unjustified = entries.filter((e) => e.applicable === false && !e.justification.trim()).map((e) => e.controlId);
    if (undecided.length || unjustified.length) {
      const order = controlIds();
      const sorted = (xs: string[]) => xs.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      throw invalid(
        [
          ...sorted(undecided).map((c) => fieldError(`entries.${c}.applicable`, 'soa.undecided')),
          ...sorted(unjustified).map((c) => fieldError(`entries.${c}.justification`, 'soa.justification_required')),
        ],
        msg('soa.submit_incomplete', { undecided: undecided.length, unjustified: unjustified.length }),
      );
    }
    await tx
      .update(soaVersions)
      .set({
        status: 'review',
        submittedAt: new Date(),
        submittedBy: ctx.principal!.userId,
        returnReason: null,
        updatedAt: new Date(),
      })
      .where(eq(soaVersions.id, version.id));
    await audit({ action: 'soa.submit', targetType: 'soa', targetId: id, orgPath: soa.scopePath, after: { version: number } });
  });
  return getVersion(ctx, id, number);
}

/** Review → approved by the CISO (soa:approve). From then on the version is frozen, in the database too. */
export async function approveVersion(ctx: Ctx, id: string, number: number, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const { soa, version } = await lockVersion(tx, ctx, id, number, 'soa:approve', ['review'], expected);
    await tx
      .update(soaVersions)
      .set({ status: 'approved', approvedAt: new Date(), approvedBy: ctx.principal!.userId, updatedAt: new Date() })
      .where(eq(soaVersions.id, version.id));
    await audit({ action: 'soa.approve', targetType: 'soa', targetId: id, orgPath: soa.scopePath, after: { version: number } });
  });
  return getVersion(ctx, id, number);
}

/** Review → draft, by the approver (soa:approve), with the reason the office reads on the draft. */
export async function returnVersion(ctx: Ctx, id: string, number: number, body: z.infer<typeof ReturnSoaBody>) {
  await inTransaction(ctx, async (tx, audit) => {
    const { soa, version } = await lockVersion(tx, ctx, id, number, 'soa:approve', ['review']);
    await tx
      .update(soaVersions)
      .set({ status: 'draft', returnReason: body.reason, updatedAt: new Date() })
      .where(eq(soaVersions.id, version.id));
    await audit({
      action: 'soa.return',
      targetType: 'soa',
      targetId: id,
      orgPath: soa.scopePath,
      after: { version: number, reason: body.reason },
    });
  });
  return getVersion(ctx, id, number);
}

/** A new draft, copied from the newest approved version (entries and evidence); only one open version at a time. */
export async function newVersion(ctx: Ctx, id: string) {
  const number = await inTransaction(ctx, async (tx, audit) => {
    const soa = await loadSoaFor(tx, ctx, id, 'soa:manage');
    await tx.select({ id: soas.id }).from(soas).where(eq(soas.id, id)).for('update');
    const all = await tx.select().from(soaVersions).where(eq(soaVersions.soaId, id)).orderBy(desc(soaVersions.number));
    const open = all.find((v) => v.status !== 'approved');
    if (open) throw conflict(msg('soa.open_exists', { version: open.number }));
    const base = all.find((v) => v.status === 'approved');
    if (!base) throw notFound('The approved version');
    const next = all[0]!.number + 1;
    const [v] = await tx.insert(soaVersions).values({ soaId: id, number: next, createdBy: ctx.principal!.userId }).returning();
    await tx.execute(sql`INSERT INTO soa_entries (version_id, control_id, applicable, justification, status, policies, updated_by, updated_at)
      SELECT ${v!.id}, control_id, applicable, justification, status, policies, updated_by, updated_at FROM soa_entries
      WHERE version_id = ${base.id}`);
    await tx.execute(sql`INSERT INTO soa_evidence (version_id, control_id, content_id, name, media_type, size, sha256, uploaded_by, uploaded_at)
      SELECT ${v!.id}, control_id, content_id, name, media_type, size, sha256, uploaded_by, uploaded_at FROM soa_evidence
      WHERE version_id = ${base.id}`);
    await audit({
      action: 'soa.version.create',
      targetType: 'soa',
      targetId: id,
      orgPath: soa.scopePath,
      after: { version: next, from: base.number },
    });
    return next;
  });
  return getVersion(ctx, id, number);
}

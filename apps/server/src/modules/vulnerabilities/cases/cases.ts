import type { CreateVulnerabilityBody, MessageBody, UpdateVulnerabilityBody } from '@mamori/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { covers, scopeOf, type Scope } from '../../../platform/access/scope';
import { recordRead } from '../../../platform/audit/record';
import { AppError, conflict, fieldError, invalid, msg } from '../../../platform/errors/app-error';
import { loadForUpdate, lockName } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { flagTaraReviews, productCraLockName, productInScopeSql, productsByIds } from '../../products/service';
import { resyncCraClocks } from '../cra/clocks';
import { listAttachments } from '../reporting/attachments';
import { assignmentRefusal, checkAssignee } from './assign';
import { computeCvss } from './cvss';
import { remediationOf } from './remediation';
import { loadCase } from './visibility';
import { presentMessage, presentVulnerability, vulnerabilityAuditView } from './present';
import { advisories, vulnerabilities, vulnerabilityMessages, vulnerabilityProducts } from '../tables';
import { advisoryDraftOf, presentAdvisoryDraft } from '../advisories/drafts';

export async function caseProducts(db: Db, id: string) {
  const rows = await db.select().from(vulnerabilityProducts).where(eq(vulnerabilityProducts.vulnerabilityId, id));
  const refs = new Map(
    (
      await productsByIds(
        db,
        rows.map((r) => r.productId),
      )
    ).map((p) => [p.id, p]),
  );
  return rows
    .map((r) => ({ ...r, product: refs.get(r.productId)! }))
    .sort((a, b) => a.product.code.localeCompare(b.product.code));
}

async function detail(db: Db, row: typeof vulnerabilities.$inferSelect) {
  const prods = await caseProducts(db, row.id);
  const messages = await db
    .select()
    .from(vulnerabilityMessages)
    .where(eq(vulnerabilityMessages.vulnerabilityId, row.id))
    .orderBy(asc(vulnerabilityMessages.createdAt), asc(vulnerabilityMessages.id));
  const [advisory] = await db.select().from(advisories).where(eq(advisories.vulnerabilityId, row.id));
  const advisoryDraft = presentAdvisoryDraft(await advisoryDraftOf(db, row.id));
  return {
    ...presentVulnerability(row),
    rowVersion: row.rowVersion,
    description: row.description,
    reportedProduct: row.reportedProduct,
    reporterName: row.reporterName,
    reporterEmail: row.reporterEmail,
    language: row.language,
    cwe: row.cwe,
    rootCausePhase: row.rootCausePhase,
    rootCause: row.rootCause,
    checkAdded: row.checkAdded,
    advisory: advisory
      ? {
          id: advisory.id,
          trackingId: advisory.trackingId,
          revision: advisory.revision,
          currentReleaseDate: advisory.document.currentReleaseDate,
          titleJa: advisory.document.titleJa,
          titleEn: advisory.document.titleEn,
          summaryJa: advisory.document.summaryJa,
          summaryEn: advisory.document.summaryEn,
        }
      : null,
    advisoryDraft,
    products: prods.map((p) => ({
      productId: p.productId,
      productCode: p.product.code,
      productNameEn: p.product.nameEn,
      productNameJa: p.product.nameJa,
      status: p.status,
      justification: p.justification,
      affectedVersions: p.affectedVersions,
      fixedVersion: p.fixedVersion,
      remediation: p.remediation,
    })),
    messages: messages.map(presentMessage),
    ...(await remediationOf(db, row.id)),
    attachments: await listAttachments(db, row.id),
  };
}

/** A case before disclosure is confidential: every read is logged. */
export async function getCase(ctx: Ctx, id: string) {
  const row = await loadCase(ctx.db, scopeOf(ctx.principal, 'vulnerabilities:read'), id);
  await recordRead(ctx.db, ctx.actor, { action: 'vulnerability.read', targetType: 'vulnerability', targetId: id });
  return detail(ctx.db, row);
}

export function createCase(ctx: Ctx, body: z.infer<typeof CreateVulnerabilityBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(vulnerabilities)
      .values({ ...body, source: 'internal', status: 'triage' })
      .returning();
    await audit({
      action: 'vulnerability.create',
      targetType: 'vulnerability',
      targetId: row!.id,
      after: vulnerabilityAuditView(row!),
    });
    return detail(tx, row!);
  });
}

function cvssFields(body: z.infer<typeof UpdateVulnerabilityBody>) {
  const out: Partial<typeof vulnerabilities.$inferInsert> = {};
  if (body.cvss31Vector !== undefined) {
    const c = body.cvss31Vector ? computeCvss('3.1', body.cvss31Vector, 'body.cvss31Vector') : null;
    Object.assign(out, { cvss31Vector: c?.vector ?? null, cvss31Score: c?.score ?? null, cvss31Severity: c?.severity ?? null });
  }
  if (body.cvss40Vector !== undefined) {
    const c = body.cvss40Vector ? computeCvss('4.0', body.cvss40Vector, 'body.cvss40Vector') : null;
    Object.assign(out, { cvss40Vector: c?.vector ?? null, cvss40Score: c?.score ?? null, cvss40Severity: c?.severity ?? null });
  }
  return out;
}

async function replaceProducts(
  tx: Db,
  scope: Scope,
  id: string,
  list: NonNullable<z.infer<typeof UpdateVulnerabilityBody>['products']>,
) {
  const refs = await productsByIds(
    tx,
    list.map((p) => p.productId),
  );
  list.forEach((p, i) => {
    const ref = refs.find((r) => r.id === p.productId);
    if (!ref || !covers(scope, ref.orgPath))
      throw new AppError('validation', msg('psirt.product_out_of_scope'), [
        { path: `body.products.${i}.productId`, message: 'unknown or outside your scope' },
      ]);
  });
  // Rows for products outside the caller's scope stay as they are.
  await tx
    .delete(vulnerabilityProducts)
    .where(and(eq(vulnerabilityProducts.vulnerabilityId, id), productInScopeSql(scope, sql`${vulnerabilityProducts.productId}`)));
  if (list.length)
    await tx.insert(vulnerabilityProducts).values(
      list.map((p) => ({
        ...p,
        vulnerabilityId: id,
        justification: p.status === 'not_affected' ? p.justification : null,
      })),
    );
}

const CLOSURE_FIELDS = ['rootCausePhase', 'rootCause', 'checkAdded'] as const;

/**
 * Recurrence prevention: a case is closed only with its root cause in the development process and the check
 * added since; once closed, they cannot be cleared.
 */
function checkClosure(before: typeof vulnerabilities.$inferSelect, body: z.infer<typeof UpdateVulnerabilityBody>) {
  const status = body.status ?? before.status;
  const closing = body.status === 'closed' && before.status !== 'closed';
  if (status !== 'closed' || (!closing && CLOSURE_FIELDS.every((f) => body[f] === undefined))) return;
  const missing = CLOSURE_FIELDS.filter((f) => !(body[f] === undefined ? before[f] : body[f]));
  if (missing.length)
    throw invalid(
      missing.map((f) => ({ path: `body.${f}`, message: 'required to close the case' })),
      'A case is closed with its root cause in the development process and the check added to prevent a recurrence.',
    );
}

export function updateCase(ctx: Ctx, id: string, body: z.infer<typeof UpdateVulnerabilityBody>, expected?: Precondition) {
  const scope = scopeOf(ctx.principal, 'vulnerabilities:manage');
  const { products: list, cvss31Vector: _v3, cvss40Vector: _v4, embargoUntil, ...fields } = body;
  const computed = cvssFields(body);
  return inTransaction(ctx, async (tx, audit) => {
    // A product's CRA change locks the product, then the cases naming it; linking it here locks the product row (the
    // foreign key) after this case: both take the product's CRA lock first, so they queue (products/events.ts).
    for (const productId of [...new Set((list ?? []).map((p) => p.productId))].sort())
      await lockName(tx, productCraLockName(productId), 'shared');
    // Locked: the closure check, the product links and the audit's "before" are read from the case as it is now.
    const before = await loadForUpdate(tx, vulnerabilities, id, () => loadCase(tx, scope, id), expected);
    checkClosure(before, body);
    if (body.assigneeId !== undefined && body.assigneeId !== before.assigneeId) {
      const refusal = assignmentRefusal(before);
      if (refusal) throw conflict(msg(refusal), [fieldError('body.assigneeId', refusal)]);
      await checkAssignee(tx, body.assigneeId);
    }
    const beforeProducts = await caseProducts(tx, id);
    if (body.duplicateOfId) {
      if (body.duplicateOfId === id)
        throw new AppError('validation', msg('psirt.duplicate_itself'), [
          { path: 'body.duplicateOfId', message: 'is this case' },
        ]);
      await loadCase(tx, scopeOf(ctx.principal, 'vulnerabilities:read'), body.duplicateOfId).catch(() => {
        throw new AppError('validation', msg('psirt.original_out_of_scope'), [
          { path: 'body.duplicateOfId', message: 'unknown or outside your scope' },
        ]);
      });
      if (!fields.status) fields.status = 'duplicate';
    }
    if (list) {
      await replaceProducts(tx, scope, id, list);
      // the post-release loop: a product newly found affected asks for its TARA to be reviewed
      const wasAffected = new Set(beforeProducts.filter((p) => p.status === 'affected').map((p) => p.productId));
      const nowAffected = list.filter((p) => p.status === 'affected' && !wasAffected.has(p.productId)).map((p) => p.productId);
      await flagTaraReviews(tx, audit, {
        vulnerabilityId: id,
        reference: `#${before.number} ${before.title}`,
        productIds: nowAffected,
        userId: ctx.actor.userId,
      });
      // CRA clocks run per affected EU-market product (cra/clocks.ts).
      await resyncCraClocks(tx, id);
    }
    const [after] = await tx
      .update(vulnerabilities)
      .set({
        ...fields,
        ...computed,
        ...(embargoUntil !== undefined ? { embargoUntil: embargoUntil ? new Date(embargoUntil) : null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(vulnerabilities.id, id))
      .returning();
    const view = (p: typeof beforeProducts) => p.map(({ product: _p, vulnerabilityId: _v, ...rest }) => rest);
    await audit({
      action: 'vulnerability.update',
      targetType: 'vulnerability',
      targetId: id,
      before: { ...vulnerabilityAuditView(before), products: view(beforeProducts) },
      after: { ...vulnerabilityAuditView(after!), products: view(await caseProducts(tx, id)) },
    });
    return detail(tx, after!);
  });
}

/** A PSIRT reply to the reporter, shown on the tracking page. */
export function psirtMessage(ctx: Ctx, id: string, body: z.infer<typeof MessageBody>) {
  const scope = scopeOf(ctx.principal, 'vulnerabilities:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const row = await loadCase(tx, scope, id);
    const [m] = await tx
      .insert(vulnerabilityMessages)
      .values({ vulnerabilityId: id, from: 'psirt', body: body.body, userId: ctx.actor.userId })
      .returning();
    await audit({
      action: 'vulnerability.message',
      targetType: 'vulnerability',
      targetId: id,
      after: { messageId: m!.id, from: 'psirt' },
    });
    return detail(tx, row);
  });
}

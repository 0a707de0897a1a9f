import { createHash } from 'node:crypto';
import {
  CraDraft,
  type CraSavedDraft,
  type EditCraDraftBody,
  type ReviewCraDraftBody,
  type SaveCraDraftBody,
} from '@mamori/contracts';
import { aliasedTable, and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { recordRead } from '../../../platform/audit/record';
import { conflict, fieldError, invalid, msg, notFound } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { loadCase } from '../cases/visibility';
import { craDraft } from './drafts';
import { lockCase, requireMarked } from './lock';
import { vulnerabilityCraDrafts } from './tables';

/**
 * Report drafts saved for review (issue 17). The PSIRT saves the draft generated from the case (the JSON exactly as
 * stored, with its SHA-256), may edit it, and another person marks it reviewed for the hash they read (four eyes; the
 * author alone only with the reason written down). A submission names the draft: only a reviewed draft whose hash is
 * still the one reviewed can be submitted (submitCraStage), and the submission stores the draft's id and hash.
 */

type Row = typeof vulnerabilityCraDrafts.$inferSelect;
type View = z.infer<typeof CraSavedDraft>;

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const status = (r: Row): View['status'] =>
  r.submittedAt ? 'submitted' : !r.reviewedAt ? 'to_review' : r.reviewedSha256 === r.sha256 ? 'reviewed' : 'changed_after_review';

const author = aliasedTable(users, 'draft_author');
const reviewer = aliasedTable(users, 'draft_reviewer');

async function rows(db: Db, vulnerabilityId: string, draftId?: string) {
  return db
    .select({ d: vulnerabilityCraDrafts, authorName: author.name, reviewerName: reviewer.name })
    .from(vulnerabilityCraDrafts)
    .leftJoin(author, eq(author.id, vulnerabilityCraDrafts.createdBy))
    .leftJoin(reviewer, eq(reviewer.id, vulnerabilityCraDrafts.reviewedBy))
    .where(
      and(
        eq(vulnerabilityCraDrafts.vulnerabilityId, vulnerabilityId),
        draftId ? eq(vulnerabilityCraDrafts.id, draftId) : undefined,
      ),
    )
    .orderBy(desc(vulnerabilityCraDrafts.createdAt));
}

function present({ d, authorName, reviewerName }: Awaited<ReturnType<typeof rows>>[number]): View {
  return {
    id: d.id,
    stage: d.stage,
    ruleId: d.ruleId,
    productId: d.productId,
    lang: d.lang,
    sha256: d.sha256,
    status: status(d),
    createdBy: d.createdBy,
    createdByName: authorName,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    reviewedBy: d.reviewedBy,
    reviewedByName: reviewerName,
    reviewedAt: d.reviewedAt?.toISOString() ?? null,
    reviewedSha256: d.reviewedSha256,
    selfReviewReason: d.selfReviewReason,
    submittedAt: d.submittedAt?.toISOString() ?? null,
  };
}

async function one(db: Db, id: string, draftId: string) {
  const [row] = await rows(db, id, draftId);
  if (!row) throw notFound('The draft');
  return row;
}

const detail = (row: Awaited<ReturnType<typeof rows>>[number]) => ({
  ...present(row),
  document: CraDraft.parse(JSON.parse(row.d.document)),
});

/** The case's saved drafts, newest first (`vulnerabilities:read`). */
export async function listSavedDrafts(ctx: Ctx, id: string) {
  await loadCase(ctx.db, scopeOf(ctx.principal, 'vulnerabilities:read'), id);
  return { items: (await rows(ctx.db, id)).map(present) };
}

/** One saved draft with its document; the read is logged. */
export async function getSavedDraft(ctx: Ctx, id: string, draftId: string) {
  await loadCase(ctx.db, scopeOf(ctx.principal, 'vulnerabilities:read'), id);
  const row = await one(ctx.db, id, draftId);
  await recordRead(ctx.db, ctx.actor, { action: 'vulnerability.cra.draft', targetType: 'vulnerability', targetId: id });
  return detail(row);
}

/** Saves the draft of a stage (one product's, or every product's with a clock of the stage) as generated now. */
export function saveCraDraft(ctx: Ctx, config: Config, id: string, body: z.infer<typeof SaveCraDraftBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    requireMarked(await lockCase(tx, ctx, id));
    const document = await craDraft({ ...ctx, db: tx }, config, id, body.stage, body.lang, body.productId);
    const text = JSON.stringify(document);
    const [row] = await tx
      .insert(vulnerabilityCraDrafts)
      .values({
        vulnerabilityId: id,
        productId: body.productId ?? null,
        stage: body.stage,
        ruleId: document.ruleId,
        lang: body.lang,
        document: text,
        sha256: sha256Hex(text),
        createdBy: ctx.principal!.userId,
      })
      .returning();
    await audit({
      action: 'vulnerability.cra.draft_save',
      targetType: 'vulnerability',
      targetId: id,
      after: { draftId: row!.id, stage: body.stage, ruleId: row!.ruleId, productId: row!.productId, sha256: row!.sha256 },
    });
    return detail(await one(tx, id, row!.id));
  });
}

/** Locks a draft of the case (the case first, in the caller's report scope); a submitted draft never changes. */
async function lockDraft(tx: Db, ctx: Ctx, id: string, draftId: string) {
  await lockCase(tx, ctx, id);
  const [row] = await loadForUpdate(tx, vulnerabilityCraDrafts, draftId, () =>
    tx
      .select()
      .from(vulnerabilityCraDrafts)
      .where(and(eq(vulnerabilityCraDrafts.id, draftId), eq(vulnerabilityCraDrafts.vulnerabilityId, id))),
  );
  if (!row) throw notFound('The draft');
  if (row.submittedAt) throw conflict(msg('cra.draft_submitted'));
  return row;
}

/** The PSIRT's edit of a draft: a new hash; after a review, the review no longer matches until it is redone. */
export function editCraDraft(ctx: Ctx, id: string, draftId: string, body: z.infer<typeof EditCraDraftBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const before = await lockDraft(tx, ctx, id, draftId);
    if (body.document.stage !== before.stage || body.document.ruleId !== before.ruleId)
      throw invalid([fieldError('body.document.stage', 'cra.draft_other_stage')]);
    const text = JSON.stringify(body.document);
    const sha256 = sha256Hex(text);
    await tx
      .update(vulnerabilityCraDrafts)
      .set({ document: text, sha256, updatedAt: new Date() })
      .where(eq(vulnerabilityCraDrafts.id, draftId));
    await audit({
      action: 'vulnerability.cra.draft_save',
      targetType: 'vulnerability',
      targetId: id,
      before: { draftId, sha256: before.sha256 },
      after: { draftId, sha256, reviewedSha256: before.reviewedSha256 },
    });
    return detail(await one(tx, id, draftId));
  });
}

/**
 * Marks a draft reviewed for the hash the reviewer read (409 `cra.draft_changed` if it changed since). Four eyes:
 * its author may review it only with `selfReviewReason` (409 `cra.draft_own_review` without).
 */
export function reviewCraDraft(ctx: Ctx, id: string, draftId: string, body: z.infer<typeof ReviewCraDraftBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const before = await lockDraft(tx, ctx, id, draftId);
    if (body.sha256 !== before.sha256) throw conflict(msg('cra.draft_changed'));
    const own = before.createdBy === ctx.principal!.userId;
    if (own && !body.selfReviewReason)
      throw conflict(msg('cra.draft_own_review'), [fieldError('body.selfReviewReason', 'cra.draft_own_review')]);
    await tx
      .update(vulnerabilityCraDrafts)
      .set({
        reviewedBy: ctx.principal!.userId,
        reviewedAt: new Date(),
        reviewedSha256: before.sha256,
        selfReviewReason: own ? body.selfReviewReason! : null,
      })
      .where(eq(vulnerabilityCraDrafts.id, draftId));
    await audit({
      action: 'vulnerability.cra.draft_review',
      targetType: 'vulnerability',
      targetId: id,
      before: { draftId, reviewedSha256: before.reviewedSha256 },
      after: { draftId, reviewedSha256: before.sha256, selfReviewReason: own ? body.selfReviewReason : null },
    });
    return detail(await one(tx, id, draftId));
  });
}

/**
 * The draft a submission names, checked in the submission's transaction and locked: of this case, of the stage (and
 * product) submitted, reviewed, and unchanged since its review. Returns what the submission stores of it.
 */
export async function draftForSubmission(
  tx: Db,
  id: string,
  draftId: string,
  ruleId: string,
  productId: string | undefined,
): Promise<{ row: Row; productId: string | undefined }> {
  const [row] = await tx
    .select()
    .from(vulnerabilityCraDrafts)
    .where(and(eq(vulnerabilityCraDrafts.id, draftId), eq(vulnerabilityCraDrafts.vulnerabilityId, id)))
    .for('update');
  if (!row) throw invalid([fieldError('body.draftId', 'cra.draft_other_stage')]);
  if (row.ruleId !== ruleId || (productId && row.productId && productId !== row.productId))
    throw invalid([fieldError('body.draftId', 'cra.draft_other_stage')]);
  if (row.submittedAt) throw conflict(msg('cra.draft_submitted'));
  if (!row.reviewedAt) throw conflict(msg('cra.draft_not_reviewed'));
  if (row.reviewedSha256 !== row.sha256) throw conflict(msg('cra.draft_changed_after_review'));
  return { row, productId: productId ?? row.productId ?? undefined };
}

/** Stamps the draft submitted (it never changes again). */
export async function markDraftSubmitted(tx: Db, draftId: string, at: Date) {
  await tx.update(vulnerabilityCraDrafts).set({ submittedAt: at }).where(eq(vulnerabilityCraDrafts.id, draftId));
}

import type { UploadTestEvidenceBody } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { scopeOf } from '../../../platform/access/scope';
import { fieldError, invalid, notFound } from '../../../platform/errors/app-error';
import { decodeBase64File } from '../../../platform/files/base64-file';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { loadPlan } from './read';
import { testEvidence, testPlanRuns } from './tables';

export const MAX_TEST_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** Test reports, captures and photos: documents, images, text, packet captures, archives of logs. */
export const TEST_EVIDENCE_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
  'application/json',
  'application/sarif+json',
  'application/xml',
  'application/vnd.tcpdump.pcap',
  'application/zip',
];

/** An evidence file of a plan (optionally of one of its runs), kept with its SHA-256. */
export async function uploadTestEvidence(ctx: Ctx, planId: string, body: z.output<typeof UploadTestEvidenceBody>) {
  const file = decodeBase64File(body, {
    types: TEST_EVIDENCE_TYPES,
    maxBytes: MAX_TEST_EVIDENCE_BYTES,
    at: 'body',
    codes: {
      type: 'testing.file_type',
      base64: 'plans.file_base64',
      tooLarge: 'testing.file_too_large',
      empty: 'plans.file_empty',
    },
  });
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const plan = await loadPlan(tx, scope, planId);
    if (body.runId) {
      const [run] = await tx
        .select({ id: testPlanRuns.id })
        .from(testPlanRuns)
        .where(and(eq(testPlanRuns.id, body.runId), eq(testPlanRuns.planId, planId)));
      if (!run) throw invalid([fieldError('body.runId', 'testing.run_unknown')]);
    }
    const [row] = await tx
      .insert(testEvidence)
      .values({
        planId,
        runId: body.runId ?? null,
        name: body.name,
        mediaType: file.mediaType,
        size: file.content.length,
        sha256: file.sha256,
        content: file.content,
        uploadedBy: ctx.actor.userId,
      })
      .returning();
    await audit({
      action: 'test_evidence.upload',
      targetType: 'product_test_plan',
      targetId: planId,
      orgPath: plan.orgPath,
      after: { evidenceId: row!.id, name: body.name, sha256: file.sha256, size: file.content.length },
    });
    return {
      id: row!.id,
      planId,
      runId: row!.runId,
      name: row!.name,
      mediaType: row!.mediaType,
      size: row!.size,
      sha256: row!.sha256,
      uploadedBy: null,
      uploadedAt: row!.uploadedAt.toISOString(),
    };
  });
}

/** The file itself, for a reader of the plan. */
export async function downloadTestEvidence(ctx: Ctx, planId: string, evidenceId: string) {
  await loadPlan(ctx.db, scopeOf(ctx.principal, 'products:read'), planId);
  const [row] = await ctx.db
    .select()
    .from(testEvidence)
    .where(and(eq(testEvidence.id, evidenceId), eq(testEvidence.planId, planId)));
  if (!row) throw notFound('The evidence file');
  return row;
}

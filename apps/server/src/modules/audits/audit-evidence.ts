import type { AddAuditEvidenceBody } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordRead } from '../../platform/audit/record';
import { notFound } from '../../platform/errors/app-error';
import { decodeBase64File } from '../../platform/files/base64-file';
import { inTransaction, type Ctx } from '../../platform/tx';
import { loadAudit } from './access';
import { auditEvidence } from './tables';
import { lockForConduct } from './audit-conduct';

/** Evidence files of an internal audit (issue #12): stored through the one file guard, downloaded with a logged read. */

export const MAX_AUDIT_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** Documents, spreadsheets, images and text; nothing a browser would run. */
export const AUDIT_EVIDENCE_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
];

/** Stores an evidence file of an audit in progress or reported: allowed type, base64, at most 10 MB, with its SHA-256. */
export async function addAuditEvidence(ctx: Ctx, id: string, body: z.infer<typeof AddAuditEvidenceBody>) {
  const { mediaType, content, sha256 } = decodeBase64File(body, {
    types: AUDIT_EVIDENCE_TYPES,
    maxBytes: MAX_AUDIT_EVIDENCE_BYTES,
    at: 'body',
    codes: {
      type: 'audits.evidence_type',
      base64: 'audits.evidence_base64',
      tooLarge: 'audits.evidence_too_large',
      empty: 'audits.evidence_empty',
    },
  });
  return inTransaction(ctx, async (tx, audit) => {
    const row = await lockForConduct(tx, ctx, id, ['in_progress', 'reported']);
    const [file] = await tx
      .insert(auditEvidence)
      .values({
        auditId: id,
        name: body.name,
        mediaType,
        size: content.length,
        sha256,
        content,
        uploadedBy: ctx.principal!.userId,
      })
      .returning({
        id: auditEvidence.id,
        name: auditEvidence.name,
        mediaType: auditEvidence.mediaType,
        size: auditEvidence.size,
        sha256: auditEvidence.sha256,
        uploadedAt: auditEvidence.uploadedAt,
      });
    await audit({
      action: 'internal_audit.evidence_add',
      targetType: 'internal_audit',
      targetId: id,
      orgPath: row.unitPath,
      after: { evidenceId: file!.id, name: body.name, sha256, size: content.length },
    });
    return { ...file!, uploadedAt: file!.uploadedAt.toISOString() };
  });
}

export async function downloadAuditEvidence(ctx: Ctx, id: string, evidenceId: string) {
  const { audit } = await loadAudit(ctx.db, ctx, id);
  const [file] = await ctx.db
    .select()
    .from(auditEvidence)
    .where(and(eq(auditEvidence.id, evidenceId), eq(auditEvidence.auditId, id)));
  if (!file) throw notFound('The evidence');
  await recordRead(ctx.db, ctx.actor, {
    action: 'internal_audit.evidence_read',
    targetType: 'internal_audit',
    targetId: id,
    orgPath: audit.unitPath,
    detail: { evidenceId },
  });
  return file;
}

import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { recordRead } from '../../../platform/audit/record';
import { AppError, notFound, msg } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { loadCase } from '../cases/visibility';
import { caseOfToken } from './reports';
import { vulnerabilityAttachments } from '../tables';

export const ATTACHMENT_LIMIT = 10 * 1024 * 1024;
const MAX_PER_CASE = 20;

/** A safe file name for storage and Content-Disposition: no path, no control or quote characters. */
export const safeFileName = (name: string | undefined) =>
  (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .slice(0, 120) || 'attachment.bin';

/** The reporter attaches a file through the tracking link; the answer names only its size and hash. */
export async function addAttachment(ctx: Ctx, token: string, name: string | undefined, content: Buffer) {
  if (!Buffer.isBuffer(content) || content.length === 0) throw new AppError('bad-request', msg('files.body_required'));
  const row = await caseOfToken(ctx, token);
  const sha256 = createHash('sha256').update(content).digest('hex');
  return inTransaction(ctx, async (tx, audit) => {
    const existing = await tx
      .select({ id: vulnerabilityAttachments.id })
      .from(vulnerabilityAttachments)
      .where(eq(vulnerabilityAttachments.vulnerabilityId, row.id));
    if (existing.length >= MAX_PER_CASE) throw new AppError('conflict', msg('psirt.report_files_max', { max: MAX_PER_CASE }));
    const [saved] = await tx
      .insert(vulnerabilityAttachments)
      .values({ vulnerabilityId: row.id, fileName: safeFileName(name), size: content.length, sha256, content })
      .returning({ id: vulnerabilityAttachments.id });
    await audit({
      action: 'vulnerability.attachment',
      targetType: 'vulnerability',
      targetId: row.id,
      after: { attachmentId: saved!.id, size: content.length, sha256 },
    });
    return { id: saved!.id, size: content.length, sha256 };
  });
}

export async function listAttachments(db: Db, caseId: string) {
  const rows = await db
    .select({
      id: vulnerabilityAttachments.id,
      fileName: vulnerabilityAttachments.fileName,
      size: vulnerabilityAttachments.size,
      sha256: vulnerabilityAttachments.sha256,
      createdAt: vulnerabilityAttachments.createdAt,
    })
    .from(vulnerabilityAttachments)
    .where(eq(vulnerabilityAttachments.vulnerabilityId, caseId))
    .orderBy(asc(vulnerabilityAttachments.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** The PSIRT downloads an attachment; the read is logged like any read of the case. */
export async function getAttachment(ctx: Ctx, caseId: string, attachmentId: string) {
  await loadCase(ctx.db, scopeOf(ctx.principal, 'vulnerabilities:read'), caseId);
  const [file] = await ctx.db
    .select()
    .from(vulnerabilityAttachments)
    .where(and(eq(vulnerabilityAttachments.id, attachmentId), eq(vulnerabilityAttachments.vulnerabilityId, caseId)));
  if (!file) throw notFound('The attachment');
  await recordRead(ctx.db, ctx.actor, {
    action: 'vulnerability.attachment_read',
    targetType: 'vulnerability',
    targetId: caseId,
    detail: { attachmentId, sha256: file.sha256 },
  });
  return file;
}

import { CERTIFICATE_FILE_TYPES, MAX_CERTIFICATE_FILE_BYTES, type Certification } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import { decodeBase64File } from '../../platform/files/base64-file';
import { notFound } from '../../platform/errors/app-error';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { loadCertification, loadCertificationForChange, present } from './records';
import { certificationFiles, certifications } from './tables';

/**
 * The certificate file: one per certificate (a new upload replaces it), a PDF or an image, checked by the one file
 * guard (type, base64, size told before decoding) before the transaction; stored in the database like the other
 * modules' files, so backups and every process have it.
 */
export async function uploadCertificateFile(
  ctx: Ctx,
  id: string,
  body: { name: string; mediaType: string; contentBase64: string },
  expected: Precondition,
): Promise<Certification> {
  const { mediaType, content, sha256 } = decodeBase64File(body, {
    types: CERTIFICATE_FILE_TYPES,
    maxBytes: MAX_CERTIFICATE_FILE_BYTES,
    at: 'body',
    codes: {
      type: 'certifications.file_type',
      base64: 'certifications.file_base64',
      tooLarge: 'certifications.file_too_large',
      empty: 'certifications.file_empty',
    },
  });
  return inTransaction(ctx, async (tx, audit) => {
    const { row, companyPath } = await loadCertificationForChange(tx, ctx, id, expected);
    const [old] = await tx
      .select({ name: certificationFiles.name, sha256: certificationFiles.sha256 })
      .from(certificationFiles)
      .where(eq(certificationFiles.certificationId, id));
    const values = {
      name: body.name,
      mediaType,
      size: content.length,
      sha256,
      content,
      uploadedBy: ctx.actor.userId,
      uploadedAt: new Date(),
    };
    await tx
      .insert(certificationFiles)
      .values({ certificationId: id, ...values })
      .onConflictDoUpdate({ target: certificationFiles.certificationId, set: values });
    // the certificate's version moves with its file: an editor holding the old ETag sees the change
    const [after] = await tx.update(certifications).set({ updatedAt: new Date() }).where(eq(certifications.id, id)).returning();
    await audit({
      action: 'certification.file.upload',
      targetType: 'certification',
      targetId: id,
      orgPath: companyPath,
      before: old ?? null,
      after: { name: body.name, mediaType, size: content.length, sha256 },
    });
    return (await present(tx, ctx, [{ row: after ?? row, companyPath }]))[0]!;
  });
}

export async function downloadCertificateFile(ctx: Ctx, id: string) {
  await loadCertification(ctx.db, ctx, id);
  const [f] = await ctx.db.select().from(certificationFiles).where(eq(certificationFiles.certificationId, id));
  if (!f) throw notFound();
  return f;
}

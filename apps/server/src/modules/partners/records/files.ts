import type { PartnerFile } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { AppError, msg, fieldError } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { auditTarget, loadPartner, partnerScope, partnerScopeSql } from '../access';
import { notFound } from '../errors';
import { partnerFiles } from '../tables';

type File = z.infer<typeof PartnerFile>;
const safeName = (name: string) => name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'file';

/**
 * Stores a file of a partner (NDA scan, evidence). The office and the partner's own users may upload;
 * the bytes are kept with their SHA-256, and the name is cleaned for the download header.
 */
export function storeFile(
  ctx: Ctx,
  partnerId: string,
  name: string,
  body: unknown,
  contentType: string | undefined,
): Promise<File> {
  if (!Buffer.isBuffer(body) || !contentType) throw new AppError('unsupported-media-type', msg('files.raw_body'));
  if (!body.length) throw new AppError('validation', msg('files.empty'), [fieldError('body', 'files.empty')]);
  const scope =
    ctx.principal?.kind === 'partner' ? partnerScope(ctx, 'partner-portal:answer') : partnerScope(ctx, 'partners:manage');
  return inTransaction(ctx, async (tx, audit) => {
    await loadPartner(tx, scope, partnerId);
    const sha256 = createHash('sha256').update(body).digest('hex');
    const [row] = await tx
      .insert(partnerFiles)
      .values({
        partnerId,
        name: safeName(name),
        contentType: contentType.split(';')[0]!,
        size: body.length,
        sha256,
        data: body,
        createdBy: ctx.actor.userId,
      })
      .returning({
        id: partnerFiles.id,
        name: partnerFiles.name,
        contentType: partnerFiles.contentType,
        size: partnerFiles.size,
        sha256: partnerFiles.sha256,
      });
    await audit({ action: 'partner_file.upload', ...auditTarget('partner_file', row!.id), after: { ...row, partnerId } });
    return row!;
  });
}

export async function readFile(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(partnerFiles)
    .where(and(eq(partnerFiles.id, id), partnerScopeSql(partnerScope(ctx, 'partners:read'), partnerFiles.partnerId)));
  if (!row) throw notFound('The file');
  return row;
}

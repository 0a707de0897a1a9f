import type { AddSoaEvidenceBody, SoaEvidence, UpdateSoaEntryBody } from '@mamori/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordRead } from '../../platform/audit/record';
import { notFound } from '../../platform/errors/app-error';
import { decodeBase64File } from '../../platform/files/base64-file';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { isControlId } from './service';
import { loadSoa, versionByNumber } from './soa-access';
import { presentEntry } from './soa-read';
import { lockVersion } from './soa-workflow';
import { soaEntries, soaEvidence, soaEvidenceContent, soaVersions } from './tables';

export const MAX_SOA_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** What an evidence file may be: documents, spreadsheets, images, text (no executable content types). */
export const SOA_EVIDENCE_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
];

const checkControl = (controlId: string) => {
  if (!isControlId(controlId)) throw notFound('The control');
};

/** Changes one control's entry of a draft; 409 on a version in review or approved; If-Match on the version. */
export async function updateEntry(
  ctx: Ctx,
  id: string,
  number: number,
  controlId: string,
  body: z.infer<typeof UpdateSoaEntryBody>,
  expected?: Precondition,
) {
  checkControl(controlId);
  return inTransaction(ctx, async (tx, audit) => {
    const { soa, version } = await lockVersion(tx, ctx, id, number, 'soa:manage', ['draft'], expected);
    const where = and(eq(soaEntries.versionId, version.id), eq(soaEntries.controlId, controlId));
    const [before] = await tx.select().from(soaEntries).where(where);
    if (!before) throw notFound('The entry');
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const [after] = await tx
      .update(soaEntries)
      .set({ ...changes, updatedBy: ctx.principal!.userId, updatedAt: new Date() })
      .where(where)
      .returning();
    const [v] = await tx
      .update(soaVersions)
      .set({ updatedAt: new Date() })
      .where(eq(soaVersions.id, version.id))
      .returning({ rowVersion: soaVersions.rowVersion });
    const pick = (e: typeof before) => ({
      applicable: e.applicable,
      justification: e.justification,
      status: e.status,
      policies: e.policies,
    });
    await audit({
      action: 'soa.entry.update',
      targetType: 'soa',
      targetId: id,
      orgPath: soa.scopePath,
      before: { version: number, controlId, ...pick(before) },
      after: { version: number, controlId, ...pick(after!) },
    });
    const files = await tx
      .select()
      .from(soaEvidence)
      .where(and(eq(soaEvidence.versionId, version.id), eq(soaEvidence.controlId, controlId)));
    return { ...presentEntry(files)(after!), rowVersion: v!.rowVersion };
  });
}

const presentFile = (f: typeof soaEvidence.$inferSelect): SoaEvidence => ({
  id: f.id,
  name: f.name,
  mediaType: f.mediaType,
  size: f.size,
  sha256: f.sha256,
  uploadedAt: f.uploadedAt.toISOString(),
});

/** Attaches a file to a draft's entry: content type from the allowed list, at most 10 MB, stored in the database. */
export async function addEvidence(
  ctx: Ctx,
  id: string,
  number: number,
  controlId: string,
  body: z.infer<typeof AddSoaEvidenceBody>,
) {
  checkControl(controlId);
  const { mediaType, content, sha256 } = decodeBase64File(body, {
    types: SOA_EVIDENCE_TYPES,
    maxBytes: MAX_SOA_EVIDENCE_BYTES,
    at: 'body',
    codes: {
      type: 'soa.evidence_type',
      base64: 'soa.evidence_base64',
      tooLarge: 'soa.evidence_too_large',
      empty: 'soa.evidence_empty',
    },
  });
  return inTransaction(ctx, async (tx, audit) => {
    const { soa, version } = await lockVersion(tx, ctx, id, number, 'soa:manage', ['draft']);
    const [blob] = await tx.insert(soaEvidenceContent).values({ sha256, content }).returning({ id: soaEvidenceContent.id });
    const [file] = await tx
      .insert(soaEvidence)
      .values({
        versionId: version.id,
        controlId,
        contentId: blob!.id,
        name: body.name,
        mediaType,
        size: content.length,
        sha256,
        uploadedBy: ctx.principal!.userId,
      })
      .returning();
    await tx.update(soaVersions).set({ updatedAt: new Date() }).where(eq(soaVersions.id, version.id));
    await audit({
      action: 'soa.evidence.add',
      targetType: 'soa',
      targetId: id,
      orgPath: soa.scopePath,
      after: { version: number, controlId, evidenceId: file!.id, name: body.name, sha256, size: content.length },
    });
    return presentFile(file!);
  });
}

export async function listEvidence(ctx: Ctx, id: string, number: number, controlId: string): Promise<SoaEvidence[]> {
  checkControl(controlId);
  await loadSoa(ctx.db, ctx, id);
  const version = await versionByNumber(ctx.db, id, number);
  const files = await ctx.db
    .select()
    .from(soaEvidence)
    .where(and(eq(soaEvidence.versionId, version.id), eq(soaEvidence.controlId, controlId)))
    .orderBy(asc(soaEvidence.uploadedAt), asc(soaEvidence.id));
  return files.map(presentFile);
}

/** The file itself; each download is logged as a read. */
export async function downloadEvidence(ctx: Ctx, id: string, number: number, controlId: string, evidenceId: string) {
  checkControl(controlId);
  const soa = await loadSoa(ctx.db, ctx, id);
  const version = await versionByNumber(ctx.db, id, number);
  const [row] = await ctx.db
    .select({ file: soaEvidence, content: soaEvidenceContent.content })
    .from(soaEvidence)
    .innerJoin(soaEvidenceContent, eq(soaEvidenceContent.id, soaEvidence.contentId))
    .where(and(eq(soaEvidence.id, evidenceId), eq(soaEvidence.versionId, version.id), eq(soaEvidence.controlId, controlId)));
  if (!row) throw notFound('The evidence');
  await recordRead(ctx.db, ctx.actor, {
    action: 'soa.evidence.read',
    targetType: 'soa',
    targetId: id,
    orgPath: soa.scopePath,
    detail: { version: number, controlId, evidenceId },
  });
  return { name: row.file.name, mediaType: row.file.mediaType, content: row.content };
}

import type {
  AddDocumentFileBody,
  CreateDocumentBody,
  ReturnDocumentBody,
  ReviewDocumentBody,
  UpdateDocumentBody,
  UpdateDocumentVersionBody,
} from '@mamori/contracts';
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { conflict, fieldError, invalid, msg } from '../../../platform/errors/app-error';
import { decodeBase64File } from '../../../platform/files/base64-file';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { loadDocumentFor, manages, versionOf, type DocumentRow } from './access';
import { getDocument, getVersion } from './read';
import { governanceDocumentFiles, governanceDocuments, governanceDocumentVersions } from './tables';

type Version = typeof governanceDocumentVersions.$inferSelect;
type Action = 'documents:manage' | 'documents:approve';

export const MAX_DOCUMENT_FILE_BYTES = 10 * 1024 * 1024;
/** What an attachment may be: documents, spreadsheets, images, text (no HTML, no executable content types). */
export const DOCUMENT_FILE_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
];

/** Today in Tokyo plus whole years (the review date of a document published or reviewed today). */
export function yearsFromToday(years: number, now = new Date()): string {
  const tokyo = new Date(now.getTime() + 9 * 3_600_000);
  const d = new Date(Date.UTC(tokyo.getUTCFullYear() + years, tokyo.getUTCMonth(), tokyo.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

const audited = (doc: DocumentRow) => ({ targetType: 'document', targetId: doc.id, orgPath: doc.scopePath ?? undefined });

/** A new document with its first version, a draft. The scope unit must be inside the office's own scope. */
export async function createDocument(ctx: Ctx, body: z.infer<typeof CreateDocumentBody>) {
  const id = await inTransaction(ctx, async (tx, audit) => {
    let scopePath: string | null = null;
    if (body.scopeUnitId) {
      const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, body.scopeUnitId));
      if (!unit || !manages(ctx.principal, { scopePath: unit.path }))
        throw invalid([fieldError('body.scopeUnitId', 'documents.scope_unknown')]);
      scopePath = unit.path;
    } else if (!manages(ctx.principal, { scopePath: null })) {
      throw invalid([fieldError('body.scopeUnitId', 'documents.scope_required')]);
    }
    const [doc] = await tx
      .insert(governanceDocuments)
      .values({
        key: body.key,
        kind: body.kind,
        activity: body.activity ?? null,
        scopeUnitId: body.scopeUnitId ?? null,
        scopePath,
        roles: body.roles,
        requiresAck: body.requiresAck,
        createdBy: ctx.principal!.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!doc) throw conflict(msg('documents.key_exists'), [fieldError('body.key', 'documents.key_exists')]);
    await tx.insert(governanceDocumentVersions).values({
      documentId: doc.id,
      number: 1,
      titleJa: body.titleJa,
      titleEn: body.titleEn,
      bodyJa: body.bodyJa,
      bodyEn: body.bodyEn,
      createdBy: ctx.principal!.userId,
    });
    await audit({ action: 'document.create', ...audited(doc), after: { key: doc.key, kind: doc.kind, title: body.titleJa } });
    return doc.id;
  });
  return getDocument(ctx, id);
}

/** Who it applies to, whether it asks for acknowledgement, its review date (If-Match on the document). */
export async function updateDocument(ctx: Ctx, id: string, body: z.infer<typeof UpdateDocumentBody>, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(
      tx,
      governanceDocuments,
      id,
      () => loadDocumentFor(tx, ctx, id, 'documents:manage'),
      expected,
    );
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    if (body.reviewDueOn !== undefined) changes.reviewRemindedAt = null;
    await tx
      .update(governanceDocuments)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(governanceDocuments.id, id));
    const pick = (d: Record<string, unknown>) => Object.fromEntries(Object.keys(body).map((k) => [k, d[k]]));
    await audit({ action: 'document.update', ...audited(before), before: pick(before), after: pick(body) });
  });
  return getDocument(ctx, id);
}

/**
 * Locks a version for a change: the document in the caller's scope for `action`, the version's row lock, If-Match
 * under it, and the version in one of the allowed states (409 naming its state otherwise).
 */
async function lockVersion(
  tx: Db,
  ctx: Ctx,
  id: string,
  number: number,
  action: Action,
  allowed: Version['status'][],
  code: 'documents.not_draft' | 'documents.not_in_review' | 'documents.not_approved',
  expected?: Precondition,
) {
  const doc = await loadDocumentFor(tx, ctx, id, action);
  const found = await versionOf(tx, id, number);
  const version = await loadForUpdate(tx, governanceDocumentVersions, found.id, () => versionOf(tx, id, number), expected);
  if (!allowed.includes(version.status))
    throw conflict(msg(code, { version: number, status: version.status }), [
      fieldError('status', code, { version: number, status: version.status }),
    ]);
  return { doc, version };
}

/** Changes the text of a draft; a version in review, approved or published is refused (409). */
export async function updateVersion(
  ctx: Ctx,
  id: string,
  number: number,
  body: z.infer<typeof UpdateDocumentVersionBody>,
  expected?: Precondition,
) {
  await inTransaction(ctx, async (tx, audit) => {
    const { doc, version } = await lockVersion(
      tx,
      ctx,
      id,
      number,
      'documents:manage',
      ['draft'],
      'documents.not_draft',
      expected,
    );
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    await tx
      .update(governanceDocumentVersions)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(governanceDocumentVersions.id, version.id));
    const fields = Object.keys(changes);
    await audit({ action: 'document.version.update', ...audited(doc), after: { version: number, fields } });
  });
  return getVersion(ctx, id, number);
}

/** Draft → review (the office asks the CISO to approve); a version without a title or text in both languages is refused. */
export async function submitVersion(ctx: Ctx, id: string, number: number, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const { doc, version } = await lockVersion(
      tx,
      ctx,
      id,
      number,
      'documents:manage',
      ['draft'],
      'documents.not_draft',
      expected,
    );
    const missing = (['bodyJa', 'bodyEn'] as const).filter((f) => !version[f].trim());
    if (missing.length) throw invalid(missing.map((f) => fieldError(`body.${f}`, 'documents.body_required')));
    await tx
      .update(governanceDocumentVersions)
      .set({ status: 'review', submittedAt: new Date(), returnReason: null, updatedAt: new Date() })
      .where(eq(governanceDocumentVersions.id, version.id));
    await audit({ action: 'document.submit', ...audited(doc), after: { version: number } });
  });
  return getVersion(ctx, id, number);
}

/** Review → approved, by the CISO (documents:approve). The text is frozen from here on, in the database too. */
export async function approveVersion(ctx: Ctx, id: string, number: number, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const { doc, version } = await lockVersion(
      tx,
      ctx,
      id,
      number,
      'documents:approve',
      ['review'],
      'documents.not_in_review',
      expected,
    );
    await tx
      .update(governanceDocumentVersions)
      .set({ status: 'approved', approvedBy: ctx.principal!.userId, approvedAt: new Date(), updatedAt: new Date() })
      .where(eq(governanceDocumentVersions.id, version.id));
    await audit({ action: 'document.approve', ...audited(doc), after: { version: number } });
  });
  return getVersion(ctx, id, number);
}

/** Review → draft, by the CISO, with the reason the office reads on the draft. */
export async function returnVersion(ctx: Ctx, id: string, number: number, body: z.infer<typeof ReturnDocumentBody>) {
  await inTransaction(ctx, async (tx, audit) => {
    const { doc, version } = await lockVersion(tx, ctx, id, number, 'documents:approve', ['review'], 'documents.not_in_review');
    await tx
      .update(governanceDocumentVersions)
      .set({ status: 'draft', returnReason: body.reason, updatedAt: new Date() })
      .where(eq(governanceDocumentVersions.id, version.id));
    await audit({ action: 'document.return', ...audited(doc), after: { version: number, reason: body.reason } });
  });
  return getVersion(ctx, id, number);
}

/**
 * Approved → published (the office). The version published before is superseded; readers now see and acknowledge
 * this one, and the yearly review date is a year from today. A version the CISO has not approved is refused (409).
 */
export async function publishVersion(ctx: Ctx, id: string, number: number, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    await tx.select({ id: governanceDocuments.id }).from(governanceDocuments).where(eq(governanceDocuments.id, id)).for('update');
    const { doc, version } = await lockVersion(
      tx,
      ctx,
      id,
      number,
      'documents:manage',
      ['approved'],
      'documents.not_approved',
      expected,
    );
    if (doc.publishedNumber !== null) {
      const previous = await versionOf(tx, id, doc.publishedNumber);
      await tx
        .update(governanceDocumentVersions)
        .set({ status: 'superseded', updatedAt: new Date() })
        .where(eq(governanceDocumentVersions.id, previous.id));
    }
    await tx
      .update(governanceDocumentVersions)
      .set({ status: 'published', publishedBy: ctx.principal!.userId, publishedAt: new Date(), updatedAt: new Date() })
      .where(eq(governanceDocumentVersions.id, version.id));
    const reviewDueOn = yearsFromToday(1);
    await tx
      .update(governanceDocuments)
      .set({ publishedNumber: number, reviewDueOn, reviewRemindedAt: null, updatedAt: new Date() })
      .where(eq(governanceDocuments.id, id));
    await audit({
      action: 'document.publish',
      ...audited(doc),
      after: { version: number, previous: doc.publishedNumber, reviewDueOn },
    });
  });
  return getDocument(ctx, id);
}

/**
 * The yearly review of a published document records what changed and why: `unchanged` moves the review date a
 * year on; `revise` opens the next version, a draft copied from the published text with the reason as its change
 * summary (refused while another version is open).
 */
export async function reviewDocument(ctx: Ctx, id: string, body: z.infer<typeof ReviewDocumentBody>, expected?: Precondition) {
  await inTransaction(ctx, async (tx, audit) => {
    const doc = await loadForUpdate(
      tx,
      governanceDocuments,
      id,
      () => loadDocumentFor(tx, ctx, id, 'documents:manage'),
      expected,
    );
    if (doc.publishedNumber === null) throw conflict(msg('documents.not_published'));
    if (body.outcome === 'unchanged') {
      const reviewDueOn = yearsFromToday(1);
      await tx
        .update(governanceDocuments)
        .set({ reviewDueOn, reviewRemindedAt: null, updatedAt: new Date() })
        .where(eq(governanceDocuments.id, id));
      await audit({
        action: 'document.review',
        ...audited(doc),
        after: { outcome: 'unchanged', reason: body.reason, reviewDueOn },
      });
      return;
    }
    const all = await tx
      .select()
      .from(governanceDocumentVersions)
      .where(eq(governanceDocumentVersions.documentId, id))
      .orderBy(desc(governanceDocumentVersions.number));
    const open = all.find((v) => ['draft', 'review', 'approved'].includes(v.status));
    if (open) throw conflict(msg('documents.open_exists', { version: open.number }));
    const base = all.find((v) => v.status === 'published')!;
    const next = all[0]!.number + 1;
    const [created] = await tx
      .insert(governanceDocumentVersions)
      .values({
        documentId: id,
        number: next,
        titleJa: base.titleJa,
        titleEn: base.titleEn,
        bodyJa: base.bodyJa,
        bodyEn: base.bodyEn,
        changeSummary: body.reason,
        createdBy: ctx.principal!.userId,
      })
      .returning();
    const files = await tx.select().from(governanceDocumentFiles).where(eq(governanceDocumentFiles.versionId, base.id));
    if (files.length)
      await tx.insert(governanceDocumentFiles).values(
        files.map((f) => ({
          versionId: created!.id,
          name: f.name,
          mediaType: f.mediaType,
          size: f.size,
          sha256: f.sha256,
          content: f.content,
          uploadedBy: f.uploadedBy,
        })),
      );
    await tx.update(governanceDocuments).set({ updatedAt: new Date() }).where(eq(governanceDocuments.id, id));
    await audit({ action: 'document.review', ...audited(doc), after: { outcome: 'revise', reason: body.reason, version: next } });
  });
  return getDocument(ctx, id);
}

/** Attaches a file to a draft: a type from the allowed list, at most 10 MB, stored in the database with its SHA-256. */
export async function addFile(ctx: Ctx, id: string, number: number, body: z.infer<typeof AddDocumentFileBody>) {
  const { mediaType, content, sha256 } = decodeBase64File(body, {
    types: DOCUMENT_FILE_TYPES,
    maxBytes: MAX_DOCUMENT_FILE_BYTES,
    at: 'body',
    codes: {
      type: 'documents.file_type',
      base64: 'documents.file_base64',
      tooLarge: 'documents.file_too_large',
      empty: 'documents.file_empty',
    },
  });
  return inTransaction(ctx, async (tx, audit) => {
    const { doc, version } = await lockVersion(tx, ctx, id, number, 'documents:manage', ['draft'], 'documents.not_draft');
    const [file] = await tx
      .insert(governanceDocumentFiles)
      .values({
        versionId: version.id,
        name: body.name,
        mediaType,
        size: content.length,
        sha256,
        content,
        uploadedBy: ctx.principal!.userId,
      })
      .returning();
    await tx
      .update(governanceDocumentVersions)
      .set({ updatedAt: new Date() })
      .where(eq(governanceDocumentVersions.id, version.id));
    await audit({
      action: 'document.file.add',
      ...audited(doc),
      after: { version: number, fileId: file!.id, name: body.name, sha256 },
    });
    return { id: file!.id, name: file!.name, mediaType, size: file!.size, sha256 };
  });
}

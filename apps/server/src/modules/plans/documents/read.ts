import type { DocumentDetail, DocumentSummary, DocumentVersion } from '@mamori/contracts';
import { and, asc, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { DocumentListQuery } from '@mamori/contracts';
import type { Db } from '../../../db/client';
import { scopeOf, scopeSql, escapeLike } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { forbidden, msg, notFound } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { appliesSql, loadDocument, readerOf, versionOf, type DocumentRow } from './access';
import { governanceDocumentAcks, governanceDocumentFiles, governanceDocuments, governanceDocumentVersions } from './tables';

type VersionRow = typeof governanceDocumentVersions.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const KIND_ORDER = sql`CASE ${governanceDocuments.kind} WHEN 'policy' THEN 0 WHEN 'guideline' THEN 1 ELSE 2 END`;

/**
 * The portal (every published document that applies to the reader, searchable by title and text) or, with
 * `view=manage`, every document the office manages, drafts included. At most 500: the group has dozens of rules.
 */
export async function listDocuments(ctx: Ctx, query: z.infer<typeof DocumentListQuery>): Promise<DocumentSummary[]> {
  const db = ctx.db;
  const conditions: SQL[] = [];
  if (query.view === 'manage') {
    const manage = scopeOf(ctx.principal, 'documents:manage');
    const approve = scopeOf(ctx.principal, 'documents:approve');
    if (manage.kind === 'none' && approve.kind === 'none') throw forbidden(msg('documents.manage_only'));
    const inScope = (s: typeof manage) =>
      s.kind === 'all' ? sql`true` : s.kind === 'none' ? sql`false` : scopeSql(s, governanceDocuments.scopePath);
    conditions.push(or(inScope(manage), inScope(approve))!);
  } else {
    conditions.push(isNotNull(governanceDocuments.publishedNumber), appliesSql(await readerOf(db, ctx.principal!)));
  }
  if (query.kind) conditions.push(eq(governanceDocuments.kind, query.kind));
  const shown = query.view === 'manage' ? sql`true` : sql`${governanceDocumentVersions.status} = 'published'`;
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    conditions.push(sql`EXISTS (SELECT 1 FROM ${governanceDocumentVersions} WHERE ${governanceDocumentVersions.documentId} = ${governanceDocuments.id}
      AND ${shown} AND (${governanceDocumentVersions.titleJa} ILIKE ${like} OR ${governanceDocumentVersions.titleEn} ILIKE ${like}
      OR ${governanceDocumentVersions.bodyJa} ILIKE ${like} OR ${governanceDocumentVersions.bodyEn} ILIKE ${like}))`);
  }
  const docs = await db
    .select({ doc: governanceDocuments, unitJa: orgUnits.nameJa, unitEn: orgUnits.nameEn })
    .from(governanceDocuments)
    .leftJoin(orgUnits, eq(orgUnits.id, governanceDocuments.scopeUnitId))
    .where(and(...conditions))
    .orderBy(KIND_ORDER, asc(governanceDocuments.key))
    .limit(500);
  return presentSummaries(db, ctx.principal!.userId, docs);
}

async function presentSummaries(
  db: Db,
  userId: string,
  docs: { doc: DocumentRow; unitJa: string | null; unitEn: string | null }[],
): Promise<DocumentSummary[]> {
  if (!docs.length) return [];
  const ids = docs.map((d) => d.doc.id);
  const versions = await db
    .select({
      documentId: governanceDocumentVersions.documentId,
      id: governanceDocumentVersions.id,
      number: governanceDocumentVersions.number,
      status: governanceDocumentVersions.status,
      titleJa: governanceDocumentVersions.titleJa,
      titleEn: governanceDocumentVersions.titleEn,
      publishedAt: governanceDocumentVersions.publishedAt,
      acked: sql<boolean>`EXISTS (SELECT 1 FROM ${governanceDocumentAcks} a WHERE a.version_id = ${governanceDocumentVersions.id} AND a.user_id = ${userId})`,
    })
    .from(governanceDocumentVersions)
    .where(
      and(
        inArray(governanceDocumentVersions.documentId, ids),
        inArray(governanceDocumentVersions.status, ['draft', 'review', 'approved', 'published']),
      ),
    );
  return docs.map(({ doc, unitJa, unitEn }) => {
    const mine = versions.filter((v) => v.documentId === doc.id);
    const published = mine.find((v) => v.status === 'published');
    const open = mine.find((v) => v.status !== 'published');
    const titled = published ?? open;
    return {
      id: doc.id,
      rowVersion: doc.rowVersion,
      kind: doc.kind,
      key: doc.key,
      activity: doc.activity,
      scope: doc.scopeUnitId ? { id: doc.scopeUnitId, name: { ja: unitJa ?? '', en: unitEn ?? '' } } : null,
      roles: doc.roles as DocumentSummary['roles'],
      requiresAck: doc.requiresAck,
      reviewDueOn: doc.reviewDueOn,
      title: { ja: titled?.titleJa ?? doc.key, en: titled?.titleEn ?? doc.key },
      publishedVersion: published?.number ?? null,
      publishedAt: iso(published?.publishedAt ?? null),
      openVersion: open ? { number: open.number, status: open.status } : null,
      acknowledged: doc.requiresAck && published ? Boolean(published.acked) : null,
    };
  });
}

async function presentVersion(db: Db, v: VersionRow): Promise<DocumentVersion> {
  const files = await db
    .select({
      id: governanceDocumentFiles.id,
      name: governanceDocumentFiles.name,
      mediaType: governanceDocumentFiles.mediaType,
      size: governanceDocumentFiles.size,
      sha256: governanceDocumentFiles.sha256,
    })
    .from(governanceDocumentFiles)
    .where(eq(governanceDocumentFiles.versionId, v.id))
    .orderBy(asc(governanceDocumentFiles.uploadedAt));
  const [approver] = v.approvedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, v.approvedBy)) : [];
  return {
    ...summaryOf(v, approver?.name ?? null),
    rowVersion: v.rowVersion,
    documentId: v.documentId,
    bodyJa: v.bodyJa,
    bodyEn: v.bodyEn,
    returnReason: v.returnReason,
    files,
  };
}

const summaryOf = (v: VersionRow, approvedBy: string | null) => ({
  number: v.number,
  status: v.status,
  titleJa: v.titleJa,
  titleEn: v.titleEn,
  changeSummary: v.changeSummary,
  createdAt: v.createdAt.toISOString(),
  approvedAt: iso(v.approvedAt),
  approvedBy,
  publishedAt: iso(v.publishedAt),
});

/** A document with its published text; the offices also get the list of versions. */
export async function getDocument(ctx: Ctx, id: string): Promise<DocumentDetail> {
  const { doc, canManage, canApprove } = await loadDocument(ctx.db, ctx, id);
  const [unit] = doc.scopeUnitId
    ? await ctx.db.select({ ja: orgUnits.nameJa, en: orgUnits.nameEn }).from(orgUnits).where(eq(orgUnits.id, doc.scopeUnitId))
    : [];
  const [summary] = await presentSummaries(ctx.db, ctx.principal!.userId, [
    { doc, unitJa: unit?.ja ?? null, unitEn: unit?.en ?? null },
  ]);
  const published = doc.publishedNumber !== null ? await versionOf(ctx.db, id, doc.publishedNumber) : null;
  const [ack] = published
    ? await ctx.db
        .select({ at: governanceDocumentAcks.acknowledgedAt })
        .from(governanceDocumentAcks)
        .where(and(eq(governanceDocumentAcks.versionId, published.id), eq(governanceDocumentAcks.userId, ctx.principal!.userId)))
    : [];
  const versions =
    canManage || canApprove
      ? await ctx.db
          .select()
          .from(governanceDocumentVersions)
          .where(eq(governanceDocumentVersions.documentId, id))
          .orderBy(desc(governanceDocumentVersions.number))
      : [];
  return {
    ...summary!,
    published: published ? await presentVersion(ctx.db, published) : null,
    versions: versions.map((v) => summaryOf(v, null)),
    acknowledgedAt: iso(ack?.at ?? null),
    canManage,
    canApprove,
  };
}

/** One version in full: the offices any version; a reader only the published one. */
export async function getVersion(ctx: Ctx, id: string, number: number): Promise<DocumentVersion> {
  const { doc, canManage, canApprove } = await loadDocument(ctx.db, ctx, id);
  if (!canManage && !canApprove && number !== doc.publishedNumber) throw notFound('The document version');
  return presentVersion(ctx.db, await versionOf(ctx.db, id, number));
}

/** An attached file of a version the caller may read. */
export async function downloadFile(ctx: Ctx, id: string, number: number, fileId: string) {
  const { doc, canManage, canApprove } = await loadDocument(ctx.db, ctx, id);
  if (!canManage && !canApprove && number !== doc.publishedNumber) throw notFound('The document version');
  const version = await versionOf(ctx.db, id, number);
  const [file] = await ctx.db
    .select()
    .from(governanceDocumentFiles)
    .where(and(eq(governanceDocumentFiles.id, fileId), eq(governanceDocumentFiles.versionId, version.id)));
  if (!file) throw notFound('The file');
  return file;
}

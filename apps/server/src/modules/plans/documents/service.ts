import type { AttentionItem } from '@mamori/contracts';
import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Principal } from '../../../platform/access/principal';
import { scopeOf, scopeSql } from '../../../platform/access/scope';
import { appliesSql, readerOf } from './access';
import { governanceDocumentAcks, governanceDocuments, governanceDocumentVersions } from './tables';
import { yearsFromToday } from './workflow';

/**
 * What other domains may read of the documents (policies, guidelines, standard guides): the plan links an activity
 * to its guide, the dashboard asks what waits on the signed-in person.
 */

/** Published documents by key (the plan's activities name their guide by key), in both languages. */
export async function publishedDocumentsByKey(db: Db, keys: readonly string[]) {
  if (!keys.length) return [];
  return db
    .select({
      id: governanceDocuments.id,
      key: governanceDocuments.key,
      version: governanceDocumentVersions.number,
      titleJa: governanceDocumentVersions.titleJa,
      titleEn: governanceDocumentVersions.titleEn,
    })
    .from(governanceDocuments)
    .innerJoin(
      governanceDocumentVersions,
      and(
        eq(governanceDocumentVersions.documentId, governanceDocuments.id),
        eq(governanceDocumentVersions.number, governanceDocuments.publishedNumber),
      ),
    )
    .where(
      sql`${governanceDocuments.key} IN (${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )})`,
    );
}

/**
 * What waits on the person: documents asking for their acknowledgement (every reader), versions awaiting approval
 * (documents:approve, the CISO) and yearly reviews due within 30 days (documents:manage). Due first.
 */
export async function attentionFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  const items: AttentionItem[] = [];
  const today = yearsFromToday(0);
  const horizon = new Date(Date.parse(today) + 30 * 86_400_000).toISOString().slice(0, 10);
  const manage = scopeOf(principal, 'documents:manage');
  if (manage.kind !== 'none') {
    const due = await db
      .select({ id: governanceDocuments.id, key: governanceDocuments.key, due: governanceDocuments.reviewDueOn })
      .from(governanceDocuments)
      .where(
        and(
          isNotNull(governanceDocuments.reviewDueOn),
          lte(governanceDocuments.reviewDueOn, horizon),
          manage.kind === 'all' ? undefined : scopeSql(manage, governanceDocuments.scopePath),
        ),
      )
      .orderBy(asc(governanceDocuments.reviewDueOn))
      .limit(limit);
    for (const d of due)
      items.push({
        domain: 'documents',
        kind: 'documentReviewDue',
        id: d.id,
        title: d.key,
        dueAt: `${d.due}T00:00:00+09:00`,
        overdue: d.due! < today,
        href: `/documents/${d.id}/edit`,
      });
  }
  const approve = scopeOf(principal, 'documents:approve');
  if (approve.kind !== 'none') {
    const waiting = await db
      .select({
        id: governanceDocuments.id,
        title: governanceDocumentVersions.titleJa,
        titleEn: governanceDocumentVersions.titleEn,
      })
      .from(governanceDocumentVersions)
      .innerJoin(governanceDocuments, eq(governanceDocuments.id, governanceDocumentVersions.documentId))
      .where(
        and(
          eq(governanceDocumentVersions.status, 'review'),
          approve.kind === 'all' ? undefined : scopeSql(approve, governanceDocuments.scopePath),
        ),
      )
      .orderBy(asc(governanceDocumentVersions.submittedAt))
      .limit(limit);
    for (const w of waiting)
      items.push({
        domain: 'documents',
        kind: 'documentToApprove',
        id: w.id,
        title: principal.language === 'en' ? w.titleEn : w.title,
        dueAt: null,
        overdue: false,
        href: `/documents/${w.id}/edit`,
      });
  }
  const reader = await readerOf(db, principal);
  const unread = await db
    .select({ id: governanceDocuments.id, ja: governanceDocumentVersions.titleJa, en: governanceDocumentVersions.titleEn })
    .from(governanceDocuments)
    .innerJoin(
      governanceDocumentVersions,
      and(
        eq(governanceDocumentVersions.documentId, governanceDocuments.id),
        eq(governanceDocumentVersions.number, governanceDocuments.publishedNumber),
      ),
    )
    .where(
      and(
        eq(governanceDocuments.requiresAck, true),
        appliesSql(reader),
        sql`NOT EXISTS (SELECT 1 FROM ${governanceDocumentAcks} a WHERE a.version_id = ${governanceDocumentVersions.id} AND a.user_id = ${principal.userId})`,
      ),
    )
    .orderBy(asc(governanceDocumentVersions.publishedAt))
    .limit(limit);
  for (const u of unread)
    items.push({
      domain: 'documents',
      kind: 'documentToAcknowledge',
      id: u.id,
      title: principal.language === 'en' ? u.en : u.ja,
      dueAt: null,
      overdue: false,
      href: `/documents/${u.id}`,
    });
  const dueFirst = (a: AttentionItem, b: AttentionItem) =>
    a.dueAt === b.dueAt ? 0 : a.dueAt === null ? 1 : b.dueAt === null ? -1 : a.dueAt < b.dueAt ? -1 : 1;
  return items.sort(dueFirst).slice(0, limit);
}

import type { SupplierAdvisoryDetail, SupplierAdvisoryListQuery, SupplierMatchListQuery } from '@mamori/contracts';
import { and, asc, desc, eq, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { escapeLike } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../../platform/http/cursor';
import type { Ctx } from '../../../platform/tx';
import { products, releases } from '../../products/service';
import { systems } from '../../systems/service';
import { presentMatch, presentSummary, visibleMatchSql, type MatchRow } from './present';
import { supplierAdvisories, supplierAdvisoryMatches } from './tables';

/** The cursor of both lists: a timestamp as PostgreSQL writes it, and the id. */
const AT_ID = z.tuple([CursorPart.pgTimestamp, CursorPart.uuid]);

/**
 * The latest version of each supplier's advisory, newest release first. The store is the group's: every holder of
 * supplier-advisories:read reads every advisory (they are the suppliers' public documents); the count of open
 * suggestions is of those in the reader's scope.
 */
export async function listSupplierAdvisories(ctx: Ctx, q: z.infer<typeof SupplierAdvisoryListQuery>) {
  const after = q.cursor ? decodeCursor(q.cursor, AT_ID) : null;
  const text = q.q ? `%${escapeLike(q.q)}%` : null;
  const open = sql<number>`(SELECT count(*)::int FROM ${supplierAdvisoryMatches}
    WHERE ${supplierAdvisoryMatches.advisoryKey} = ${supplierAdvisories.advisoryKey} AND ${supplierAdvisoryMatches.state} = 'suggested'
      AND ${visibleMatchSql(ctx)})`;
  const rows = await ctx.db
    .select({ row: supplierAdvisories, open, at: sql<string>`${supplierAdvisories.currentReleaseAt}::text` })
    .from(supplierAdvisories)
    .where(
      and(
        eq(supplierAdvisories.latest, true),
        text
          ? or(
              ilike(supplierAdvisories.title, text),
              ilike(supplierAdvisories.trackingId, text),
              ilike(supplierAdvisories.publisherName, text),
            )
          : undefined,
        after
          ? or(
              lt(supplierAdvisories.currentReleaseAt, sql`${after[0]}::timestamptz`),
              and(eq(supplierAdvisories.currentReleaseAt, sql`${after[0]}::timestamptz`), lt(supplierAdvisories.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(supplierAdvisories.currentReleaseAt), desc(supplierAdvisories.id))
    .limit(q.limit + 1);
  return pageOf(
    rows,
    q.limit,
    (r) => presentSummary(r.row, r.open),
    (r) => [r.at, r.row.id],
  );
}

function matchQuery(db: Db, where: SQL | undefined) {
  return db
    .select({
      m: supplierAdvisoryMatches,
      a: {
        id: supplierAdvisories.id,
        trackingId: supplierAdvisories.trackingId,
        version: supplierAdvisories.version,
        title: supplierAdvisories.title,
        publisherName: supplierAdvisories.publisherName,
      },
      productId: products.id,
      productCode: products.code,
      productNameJa: products.nameJa,
      productNameEn: products.nameEn,
      releaseVersion: releases.version,
      systemName: systems.name,
      at: sql<string>`${supplierAdvisoryMatches.createdAt}::text`,
    })
    .from(supplierAdvisoryMatches)
    .innerJoin(supplierAdvisories, eq(supplierAdvisories.id, supplierAdvisoryMatches.advisoryId))
    .leftJoin(products, eq(products.id, supplierAdvisoryMatches.productId))
    .leftJoin(releases, eq(releases.id, supplierAdvisoryMatches.releaseId))
    .leftJoin(systems, eq(systems.id, supplierAdvisoryMatches.systemId))
    .where(where);
}

type MatchQueryRow = Awaited<ReturnType<typeof matchQuery>>[number];
const toMatchRow = (r: MatchQueryRow): MatchRow => ({
  m: r.m,
  a: r.a,
  product: r.productId ? { id: r.productId, code: r.productCode!, nameJa: r.productNameJa!, nameEn: r.productNameEn! } : null,
  releaseVersion: r.releaseVersion,
  systemName: r.systemName,
});

/** Suggested cases (and decided ones) in the reader's scope, newest first; filters by state and kind. */
export async function listSupplierMatches(ctx: Ctx, q: z.infer<typeof SupplierMatchListQuery>) {
  const after = q.cursor ? decodeCursor(q.cursor, AT_ID) : null;
  const text = q.q ? `%${escapeLike(q.q)}%` : null;
  const rows = await matchQuery(
    ctx.db,
    and(
      visibleMatchSql(ctx),
      q.state ? eq(supplierAdvisoryMatches.state, q.state) : undefined,
      q.kind ? eq(supplierAdvisoryMatches.targetKind, q.kind) : undefined,
      text ? or(ilike(supplierAdvisoryMatches.name, text), ilike(supplierAdvisories.trackingId, text)) : undefined,
      after
        ? or(
            lt(supplierAdvisoryMatches.createdAt, sql`${after[0]}::timestamptz`),
            and(eq(supplierAdvisoryMatches.createdAt, sql`${after[0]}::timestamptz`), lt(supplierAdvisoryMatches.id, after[1])),
          )
        : undefined,
    ),
  )
    .orderBy(desc(supplierAdvisoryMatches.createdAt), desc(supplierAdvisoryMatches.id))
    .limit(q.limit + 1);
  return pageOf(
    rows,
    q.limit,
    (r) => presentMatch(toMatchRow(r)),
    (r) => [r.at, r.m.id],
  );
}

/** One match in the reader's scope, or 404. */
export async function loadMatch(ctx: Ctx, db: Db, id: string) {
  const [row] = await matchQuery(db, and(eq(supplierAdvisoryMatches.id, id), visibleMatchSql(ctx)));
  if (!row) throw notFound();
  return toMatchRow(row);
}

/** One version of an advisory: what it says, its versions, and the matches of its advisory in the reader's scope. */
export async function getSupplierAdvisory(ctx: Ctx, id: string): Promise<SupplierAdvisoryDetail> {
  const [a] = await ctx.db.select().from(supplierAdvisories).where(eq(supplierAdvisories.id, id));
  if (!a) throw notFound();
  const versions = await ctx.db
    .select({
      id: supplierAdvisories.id,
      version: supplierAdvisories.version,
      currentReleaseAt: supplierAdvisories.currentReleaseAt,
      importedAt: supplierAdvisories.importedAt,
      latest: supplierAdvisories.latest,
    })
    .from(supplierAdvisories)
    .where(eq(supplierAdvisories.advisoryKey, a.advisoryKey))
    .orderBy(asc(supplierAdvisories.importedAt));
  const matches = await matchQuery(ctx.db, and(eq(supplierAdvisoryMatches.advisoryKey, a.advisoryKey), visibleMatchSql(ctx)))
    .orderBy(asc(supplierAdvisoryMatches.name), asc(supplierAdvisoryMatches.id))
    .limit(500);
  const presented = matches.map((r) => presentMatch(toMatchRow(r)));
  return {
    ...presentSummary(a, presented.filter((m) => m.state === 'suggested').length),
    publisherNamespace: a.publisherNamespace,
    versions: versions.map((v) => ({
      ...v,
      currentReleaseAt: v.currentReleaseAt.toISOString(),
      importedAt: v.importedAt.toISOString(),
    })),
    products: a.parsed.products,
    vulnerabilities: a.parsed.vulnerabilities.map((v) => ({
      cve: v.cve,
      title: v.title,
      statuses: Object.entries(v.statuses).map(([productId, status]) => ({
        productId,
        status,
        justification: v.justifications[productId] ?? null,
      })),
      remediations: v.remediations,
      scores: v.scores,
    })),
    matches: presented,
  };
}

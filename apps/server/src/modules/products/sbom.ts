import type { ComponentListQuery, ReleaseComponentsQuery } from '@mamori/contracts';
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { escapeLike, scopeOf, scopeSql } from '../../platform/access/scope';
import { decodeCursor, pageOf } from '../../platform/http/cursor';
import { inTransaction, type Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { loadRelease, loadReleaseForUpdate } from './products';
import { parseCycloneDxXml, parseSbomJson, type ParsedComponent, type ParsedSbom } from './sbom-parse';
import { components, products, releases } from './tables';

const BATCH = 1000;

/** Counts of components per licence, most used first. */
export function licenceList(list: { licences: string[] }[]) {
  const counts = new Map<string, number>();
  for (const c of list) for (const l of new Set(c.licences)) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts]
    .map(([licence, n]) => ({ licence, components: n }))
    .sort((a, b) => b.components - a.components || a.licence.localeCompare(b.licence));
}

/** Same name, version and purl listed twice (one package in several places of the tree) is kept once. */
function dedupe(list: ParsedComponent[]): ParsedComponent[] {
  const seen = new Map<string, ParsedComponent>();
  for (const c of list) {
    const key = `${c.name}\u0000${c.version ?? ''}\u0000${c.purl ?? ''}`;
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()];
}

/** Parses the body by its content type: XML is CycloneDX; JSON is CycloneDX or SPDX. */
export function parseSbomBody(body: unknown): { parsed: ParsedSbom; raw: string } {
  if (typeof body === 'string') return { parsed: parseCycloneDxXml(body), raw: body };
  return { parsed: parseSbomJson(body), raw: JSON.stringify(body) };
}

/** Replaces the release's component inventory with the SBOM's, in one transaction with its audit event. */
export function importSbom(ctx: Ctx, productId: string, releaseId: string, body: unknown) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  const { parsed, raw } = parseSbomBody(body);
  const list = dedupe(parsed.components);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  return inTransaction(ctx, async (tx, audit) => {
    // Locked: two imports of one release would otherwise both delete the old list and both insert theirs.
    const { product, release } = await loadReleaseForUpdate(tx, scope, productId, releaseId);
    await tx.delete(components).where(eq(components.releaseId, releaseId));
    for (let i = 0; i < list.length; i += BATCH)
      await tx.insert(components).values(list.slice(i, i + BATCH).map((c) => ({ ...c, releaseId, productId })));
    const now = new Date();
    await tx
      .update(releases)
      .set({
        sbomFormat: parsed.format,
        sbomSpecVersion: parsed.specVersion,
        sbomSha256: sha256,
        sbomImportedAt: now,
        componentCount: list.length,
        updatedAt: now,
      })
      .where(eq(releases.id, releaseId));
    await audit({
      action: 'product_release.sbom_import',
      targetType: 'product_release',
      targetId: releaseId,
      orgPath: product.orgPath,
      before: { sbomSha256: release.sbomSha256, componentCount: release.componentCount },
      after: { format: parsed.format, specVersion: parsed.specVersion, sbomSha256: sha256, componentCount: list.length },
    });
    return {
      format: parsed.format,
      specVersion: parsed.specVersion,
      components: list.length,
      licences: licenceList(list),
      warnings: parsed.warnings,
    };
  });
}

export async function releaseLicences(ctx: Ctx, productId: string, releaseId: string) {
  await loadRelease(ctx.db, scopeOf(ctx.principal, 'products:read'), productId, releaseId);
  const rows = await ctx.db
    .select({ licence: sql<string>`unnest(${components.licences})`, n: sql<number>`count(*)::int` })
    .from(components)
    .where(eq(components.releaseId, releaseId))
    .groupBy(sql`1`);
  const items = rows
    .map((r) => ({ licence: r.licence, components: r.n }))
    .sort((a, b) => b.components - a.components || a.licence.localeCompare(b.licence));
  return { items };
}

/** The components a release ships, by name (case-insensitive) then version; `q` matches the name or the purl. */
export async function releaseComponents(
  ctx: Ctx,
  productId: string,
  releaseId: string,
  q: z.infer<typeof ReleaseComponentsQuery>,
) {
  await loadRelease(ctx.db, scopeOf(ctx.principal, 'products:read'), productId, releaseId);
  const name = sql<string>`lower(${components.name})`;
  const where: (SQL | undefined)[] = [eq(components.releaseId, releaseId)];
  if (q.q) {
    const pattern = `%${escapeLike(q.q)}%`;
    where.push(or(sql`${components.name} ILIKE ${pattern}`, sql`${components.purl} ILIKE ${pattern}`));
  }
  if (q.cursor) {
    const [n, id] = decodeCursor(q.cursor, 2) as [string, string];
    where.push(or(gt(name, n), and(eq(name, n), gt(components.id, id))));
  }
  const rows = await ctx.db
    .select({
      id: components.id,
      name: components.name,
      version: components.version,
      purl: components.purl,
      type: components.type,
      licences: components.licences,
      sortName: name,
    })
    .from(components)
    .where(and(...where))
    .orderBy(asc(name), asc(components.id))
    .limit(q.limit + 1);
  return pageOf(
    rows,
    q.limit,
    ({ sortName: _s, ...c }) => c,
    (r) => [r.sortName, r.id],
  );
}

/**
 * Where a component ships: the releases whose SBOM lists it, inside the reader's product scope.
 * Served by the (lower(name), version, release_id) index; the release and product are joined for the page only.
 */
export async function whereUsed(ctx: Ctx, q: z.infer<typeof ComponentListQuery>) {
  const scope = scopeOf(ctx.principal, 'products:read');
  const where: (SQL | undefined)[] = [sql`lower(${components.name}) = ${q.name.toLowerCase()}`];
  if (q.version) where.push(eq(components.version, q.version));
  if (scope.kind === 'paths') {
    const inScope = ctx.db
      .select({ id: products.id })
      .from(products)
      .innerJoin(orgUnits, eq(orgUnits.id, products.orgUnitId))
      .where(scopeSql(scope, orgUnits.path));
    where.push(inArray(components.productId, inScope));
  }
  if (q.cursor) {
    const [version, rid] = decodeCursor(q.cursor, 2) as [string, string];
    where.push(
      or(
        gt(sql`coalesce(${components.version}, '')`, version),
        and(eq(sql`coalesce(${components.version}, '')`, version), gt(components.releaseId, rid)),
      ),
    );
  }
  const rows = await ctx.db
    .select({
      name: components.name,
      version: components.version,
      purl: components.purl,
      type: components.type,
      licences: components.licences,
      productId: products.id,
      productCode: products.code,
      productNameJa: products.nameJa,
      productNameEn: products.nameEn,
      releaseId: releases.id,
      releaseVersion: releases.version,
    })
    .from(components)
    .innerJoin(releases, eq(releases.id, components.releaseId))
    .innerJoin(products, eq(products.id, components.productId))
    .where(and(...where))
    .orderBy(asc(sql`coalesce(${components.version}, '')`), asc(components.releaseId))
    .limit(q.limit + 1);
  return pageOf(
    rows,
    q.limit,
    (r) => r,
    (r) => [r.version ?? '', r.releaseId],
  );
}

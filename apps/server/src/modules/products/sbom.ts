import { z } from 'zod';
import type { ComponentListQuery, ReleaseComponentsQuery } from '@mamori/contracts';
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike, scopeOf, scopeSql } from '../../platform/access/scope';
import { AppError, msg, fieldError } from '../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../platform/http/cursor';
import { inTransaction, type Ctx } from '../../platform/tx';
import { compareVersions } from '../../platform/versions/compare';
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

/**
 * A document without components would empty the release's inventory: refused unless the caller confirmed it
 * (`replaceWithEmpty`), so a VEX or a services-only BOM sent to the wrong place never wipes the list silently.
 */
function refuseEmpty(parsed: ParsedSbom, current: number): AppError {
  return new AppError(
    'empty-sbom',
    msg(parsed.instead ? `products.sbom_empty_${parsed.instead}` : 'products.sbom_empty', { count: current }),
    [fieldError('body.components', 'products.sbom_no_components')],
  );
}

/**
 * Replaces the release's component inventory with the SBOM's, in one transaction with its audit event.
 * A document without components is refused (422 empty-sbom) unless `replaceWithEmpty`.
 */
export function importSbom(
  ctx: Ctx,
  productId: string,
  releaseId: string,
  body: unknown,
  opts: { replaceWithEmpty?: boolean } = {},
) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  const { parsed, raw } = parseSbomBody(body);
  const list = dedupe(parsed.components);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  return inTransaction(ctx, async (tx, audit) => {
    // Locked: two imports of one release would otherwise both delete the old list and both insert theirs.
    const { product, release } = await loadReleaseForUpdate(tx, scope, productId, releaseId);
    if (!list.length && !opts.replaceWithEmpty) throw refuseEmpty(parsed, release.componentCount);
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
    const [n, id] = decodeCursor(q.cursor, z.tuple([CursorPart.text(500), CursorPart.uuid]));
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
 * The where-used condition on name (and version). `name` is a package name in any ecosystem's spelling or a purl.
 * A name matches a component whose key equals the name canonicalised by the component's own ecosystem
 * (`laravel:framework` = `laravel/framework` for Composer, `Django_REST` = `django-rest` for PyPI, …); a purl
 * matches its ecosystem's components (and those without a purl) by canonical name, and brings its version when
 * `version` is not given. Versions match without a leading `v` (`v7.30.6` = `7.30.6`). The keys and these rules
 * are the SQL functions of migration 0019, also used by the trigger that keys every stored component.
 */
function whereUsedMatch(q: { name: string; version?: string | undefined }): SQL[] {
  const { name, version } = q;
  if (/^pkg:/i.test(name)) {
    return [
      sql`${components.nameKey} = component_name_key(component_ecosystem(${name}), component_purl_name(${name}))`,
      sql`(${components.ecosystem} = component_ecosystem(${name}) OR ${components.ecosystem} IS NULL)`,
      ...(version
        ? [sql`${components.versionKey} = component_version_key(${version})`]
        : [
            sql`(component_purl_version(${name}) IS NULL OR ${components.versionKey} = component_version_key(component_purl_version(${name})))`,
          ]),
    ];
  }
  return [
    sql`${components.nameKey} = ANY(component_name_keys(${name}))`,
    sql`${components.nameKey} = component_name_key(${components.ecosystem}, ${name})`,
    ...(version ? [sql`${components.versionKey} = component_version_key(${version})`] : []),
  ];
}

const BELOW_BATCH = 500;

/**
 * Where a component ships: the releases whose SBOM lists it, inside the reader's product scope.
 * Served by the (name_key, version_key, release_id) index; the release and product are joined for the page only.
 * With `below`, only versions before it by the component's ecosystem's order (platform/versions) — the releases
 * still shipping a version without the fix: the name's rows are read in index order a batch at a time and
 * compared in Node, until the page is full (bounded by the rows of that one name).
 */
export async function whereUsed(ctx: Ctx, q: z.infer<typeof ComponentListQuery>) {
  const scope = scopeOf(ctx.principal, 'products:read');
  const where: (SQL | undefined)[] = whereUsedMatch(q);
  if (scope.kind === 'paths') {
    const inScope = ctx.db
      .select({ id: products.id })
      .from(products)
      .innerJoin(orgUnits, eq(orgUnits.id, products.orgUnitId))
      .where(scopeSql(scope, orgUnits.path));
    where.push(inArray(components.productId, inScope));
  }
  const versionOrder = sql<string>`coalesce(${components.versionKey}, '')`;
  const read = (after: [string, string] | null, limit: number) =>
    ctx.db
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
        ecosystem: components.ecosystem,
        versionOrder,
      })
      .from(components)
      .innerJoin(releases, eq(releases.id, components.releaseId))
      .innerJoin(products, eq(products.id, components.productId))
      .where(
        and(
          ...where,
          after ? or(gt(versionOrder, after[0]), and(eq(versionOrder, after[0]), gt(components.releaseId, after[1]))) : undefined,
        ),
      )
      .orderBy(asc(versionOrder), asc(components.releaseId))
      .limit(limit);
  let after: [string, string] | null = q.cursor ? decodeCursor(q.cursor, z.tuple([CursorPart.text(500), CursorPart.uuid])) : null;
  let rows: Awaited<ReturnType<typeof read>>;
  if (!q.below) rows = await read(after, q.limit + 1);
  else {
    const below = q.below;
    rows = [];
    for (;;) {
      const batch = await read(after, BELOW_BATCH);
      for (const r of batch)
        if (r.version !== null && compareVersions(r.ecosystem, r.version, below) < 0 && rows.push(r) > q.limit) break;
      if (rows.length > q.limit || batch.length < BELOW_BATCH) break;
      const last = batch[batch.length - 1]!;
      after = [last.versionOrder, last.releaseId];
    }
  }
  return pageOf(
    rows,
    q.limit,
    ({ versionOrder: _v, ecosystem: _e, ...r }) => r,
    (r) => [r.versionOrder, r.releaseId],
  );
}

import { z } from 'zod';
import type { CreateProductBody, CreateReleaseBody, ProductListQuery, UpdateProductBody } from '@mamori/contracts';
import { and, asc, eq, gt, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { covers, escapeLike, scopeOf, scopeSql, type Scope } from '../../platform/access/scope';
import { stageName } from './names';
import { AppError, conflict, fieldError, invalid, notFound, msg, type FieldError } from '../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../platform/http/cursor';
import { loadForUpdate, lockName } from '../../platform/records/lock';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Audit, type Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { productCraChanged, productCraLockName } from './events';
import { products, releases, threatReviews } from './tables';

const columns = {
  id: products.id,
  rowVersion: products.rowVersion,
  code: products.code,
  nameJa: products.nameJa,
  nameEn: products.nameEn,
  productLine: products.productLine,
  orgUnitId: products.orgUnitId,
  stage: products.stage,
  shipGateSeverity: products.shipGateSeverity,
  craInScope: products.craInScope,
  euMarketSince: products.euMarketSince,
  craCategory: products.craCategory,
  supportPeriodEnd: products.supportPeriodEnd,
  mainEstablishment: products.mainEstablishment,
  euMarkets: products.euMarkets,
  updatedAt: products.updatedAt,
  orgUnitName: orgUnits.nameEn,
  orgUnitNameJa: orgUnits.nameJa,
  orgPath: orgUnits.path,
};
type ProductRow = Awaited<ReturnType<typeof loadProduct>>;

const present = ({ orgPath: _path, updatedAt, ...p }: ProductRow) => ({ ...p, updatedAt: updatedAt.toISOString() });
const auditView = ({ orgPath: _path, updatedAt: _at, orgUnitName: _n, orgUnitNameJa: _nj, ...p }: ProductRow) => p;

export const presentRelease = (r: typeof releases.$inferSelect) => ({
  id: r.id,
  rowVersion: r.rowVersion,
  productId: r.productId,
  version: r.version,
  status: r.status,
  releasedOn: r.releasedOn,
  sbomFormat: r.sbomFormat,
  sbomImportedAt: r.sbomImportedAt?.toISOString() ?? null,
  componentCount: r.componentCount,
});

const selectProducts = (db: Db) => db.select(columns).from(products).innerJoin(orgUnits, eq(orgUnits.id, products.orgUnitId));

/** The product if it lies inside the scope; 404 otherwise (its existence is not told). */
export async function loadProduct(db: Db, scope: Scope, id: string) {
  const [row] = await selectProducts(db).where(eq(products.id, id));
  if (!row || !covers(scope, row.orgPath)) throw notFound('The product');
  return row;
}

export async function listProducts(ctx: Ctx, q: z.infer<typeof ProductListQuery>) {
  const where: (SQL | undefined)[] = [scopeSql(scopeOf(ctx.principal, 'products:read'), orgUnits.path)];
  if (q.stage) where.push(eq(products.stage, q.stage));
  if (q.productLine) where.push(eq(products.productLine, q.productLine));
  if (q.orgUnitId) {
    const [unit] = await ctx.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, q.orgUnitId));
    where.push(unit ? sql`${orgUnits.path} LIKE ${escapeLike(unit.path) + '%'}` : sql`false`);
  }
  if (q.q) {
    const pattern = `%${escapeLike(q.q)}%`;
    where.push(or(sql`${products.nameEn} ILIKE ${pattern}`, sql`${products.nameJa} ILIKE ${pattern}`, eq(products.code, q.q)));
  }
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor, z.tuple([CursorPart.text(500), CursorPart.uuid]));
    where.push(or(gt(products.nameEn, name), and(eq(products.nameEn, name), gt(products.id, id))));
  }
  const rows = await selectProducts(ctx.db)
    .where(and(...where))
    .orderBy(asc(products.nameEn), asc(products.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, present, (r) => [r.nameEn, r.id]);
}

/** The product lines in use inside the reader's scope, with their product counts (for the list's filter). */
export async function listProductLines(ctx: Ctx) {
  const rows = await ctx.db
    .select({ productLine: sql<string>`${products.productLine}`, products: sql<number>`count(*)::int` })
    .from(products)
    .innerJoin(orgUnits, eq(orgUnits.id, products.orgUnitId))
    .where(and(isNotNull(products.productLine), scopeSql(scopeOf(ctx.principal, 'products:read'), orgUnits.path)))
    .groupBy(products.productLine)
    .orderBy(asc(products.productLine));
  return { items: rows };
}

export async function getProduct(ctx: Ctx, id: string) {
  const row = await loadProduct(ctx.db, scopeOf(ctx.principal, 'products:read'), id);
  const rels = await ctx.db.select().from(releases).where(eq(releases.productId, id)).orderBy(asc(releases.createdAt));
  return { ...present(row), releases: rels.map(presentRelease) };
}

/** The owning division must lie inside the manager's scope. */
async function ownerPath(db: Db, scope: Scope, orgUnitId: string) {
  const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, orgUnitId));
  if (!unit || !covers(scope, unit.path))
    throw new AppError('validation', msg('products.unit_out_of_scope'), [
      { path: 'body.orgUnitId', message: 'unknown or outside your scope' },
    ]);
  return unit.path;
}

type CraFields = Pick<ProductRow, 'craInScope' | 'euMarketSince' | 'supportPeriodEnd' | 'mainEstablishment' | 'euMarkets'>;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The CRA attributes as they will be after the change, checked together; every failing field is named and
 * nothing is written. A product on the EU market in the CRA's scope needs the member state of the main
 * establishment (its CSIRT coordinates the reports); the support period ends after the product reached the market.
 */
function checkCraFields(f: CraFields) {
  const errors: FieldError[] = [];
  if (f.euMarketSince && f.euMarketSince > today()) errors.push(fieldError('body.euMarketSince', 'products.market_in_future'));
  if (f.euMarketSince && f.supportPeriodEnd && f.supportPeriodEnd <= f.euMarketSince)
    errors.push(fieldError('body.supportPeriodEnd', 'products.support_before_market'));
  if (f.craInScope && f.euMarketSince && !f.mainEstablishment)
    errors.push(fieldError('body.mainEstablishment', 'products.main_establishment_required'));
  if (f.euMarkets.length && !f.euMarketSince) errors.push(fieldError('body.euMarketSince', 'products.market_since_required'));
  if (errors.length) throw invalid(errors);
}

const uniqueMarkets = <T extends { euMarkets?: string[] }>(body: T): T =>
  body.euMarkets ? { ...body, euMarkets: [...new Set(body.euMarkets)].sort() } : body;

export function createProduct(ctx: Ctx, body: z.infer<typeof CreateProductBody>) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const path = await ownerPath(tx, scope, body.orgUnitId);
    checkCraFields(body);
    const [created] = await tx.insert(products).values(uniqueMarkets(body)).returning({ id: products.id });
    const row = await loadProduct(tx, scope, created!.id);
    await audit({ action: 'product.create', targetType: 'product', targetId: row.id, orgPath: path, after: auditView(row) });
    return present(row);
  });
}

type Stage = ProductRow['stage'];

const CRA_KEYS = ['craInScope', 'euMarketSince', 'supportPeriodEnd', 'mainEstablishment', 'euMarkets'] as const;
const pick = <T extends object, K extends keyof T>(o: T, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
const stripUndefined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Stage gate: a product leaves a stage only once its threat analysis was reviewed in that stage. */
async function assertStageGate(tx: Db, productId: string, from: Stage, to: Stage) {
  const [review] = await tx
    .select({ id: threatReviews.id })
    .from(threatReviews)
    .where(and(eq(threatReviews.productId, productId), eq(threatReviews.stage, from)))
    .limit(1);
  if (!review) throw conflict(msg('products.review_threats_first', { from: stageName(from), to: stageName(to) }));
}

export function updateProduct(ctx: Ctx, id: string, body: z.infer<typeof UpdateProductBody>, expected?: Precondition) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  const craChanged = CRA_KEYS.some((k) => body[k] !== undefined) || body.craCategory !== undefined;
  return inTransaction(ctx, async (tx, audit) => {
    // Before the row lock: a case change linking this product takes it shared (events.ts).
    if (craChanged) await lockName(tx, productCraLockName(id), 'exclusive');
    // Locked: the stage gate reads the reviews of the stage the product is in now (reviews lock the product too).
    const before = await loadForUpdate(tx, products, id, () => loadProduct(tx, scope, id), expected);
    if (body.orgUnitId) await ownerPath(tx, scope, body.orgUnitId);
    if (body.stage && body.stage !== before.stage) await assertStageGate(tx, id, before.stage, body.stage);
    if (craChanged) checkCraFields({ ...pick(before, CRA_KEYS), ...stripUndefined(pick(body, CRA_KEYS)) } as CraFields);
    await tx
      .update(products)
      .set({ ...uniqueMarkets(body), updatedAt: new Date() })
      .where(eq(products.id, id));
    const after = await loadProduct(tx, scope, id);
    await audit({
      action: 'product.update',
      targetType: 'product',
      targetId: id,
      orgPath: after.orgPath,
      before: auditView(before),
      after: auditView(after),
    });
    if (craChanged) await publishCraChange(tx, audit, before, after);
    return present(after);
  });
}

/** Announces the CRA fields that changed value (the open cases naming the product follow in this transaction). */
async function publishCraChange(tx: Db, audit: Audit, before: ProductRow, after: ProductRow) {
  const keys = [...CRA_KEYS, 'craCategory' as const].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (!keys.length) return;
  await productCraChanged.publish(tx, audit, {
    productId: after.id,
    code: after.code,
    before: pick(before, keys),
    after: pick(after, keys),
  });
}

export function createRelease(ctx: Ctx, productId: string, body: z.infer<typeof CreateReleaseBody>) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const product = await loadProduct(tx, scope, productId);
    const [release] = await tx
      .insert(releases)
      .values({ productId, ...body })
      .returning();
    await audit({
      action: 'product_release.create',
      targetType: 'product_release',
      targetId: release!.id,
      orgPath: product.orgPath,
      after: presentRelease(release!),
    });
    return presentRelease(release!);
  });
}

/**
 * A release of a product inside the scope and, for a change, locked for this transaction (the ship gate, the
 * findings, the SBOM import and the audit's "before" all read it, so they queue on the release); 404 otherwise.
 */
export async function loadReleaseForUpdate(tx: Db, scope: Scope, productId: string, releaseId: string, expected?: Precondition) {
  return loadForUpdate(tx, releases, releaseId, () => loadRelease(tx, scope, productId, releaseId), expected);
}

/** A release of a product inside the scope; 404 otherwise. */
export async function loadRelease(db: Db, scope: Scope, productId: string, releaseId: string) {
  const product = await loadProduct(db, scope, productId);
  const [release] = await db
    .select()
    .from(releases)
    .where(and(eq(releases.id, releaseId), eq(releases.productId, productId)));
  if (!release) throw notFound('The release');
  return { product, release };
}

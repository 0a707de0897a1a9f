import type { AssetListQuery } from '@mamori/contracts';
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { covers, escapeLike, scopeOf } from '../../../platform/access/scope';
import { notFound } from '../../../platform/errors/app-error';
import { decodeCursor, pageOf } from '../../../platform/http/cursor';
import { effectiveSetting } from '../../../platform/settings/effective';
import type { Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { classificationSetting } from '../classification/settings';
import { assetPartners, assets } from '../tables';
import { afterKey, LedgerCursor, ledgerKey } from './order';
import { ledgerRange, ledgerRows, presentPageRow } from './page';
import { holdsBigram, pathRange, rarestBigram, searchPage } from './search';
import { visibleAssetsSql } from './visibility';

export type LedgerFilters = Omit<AssetListQuery, 'limit' | 'cursor' | 'total'>;

/** A unit the reader may read assets in (404 otherwise: its existence is not told). */
async function readableUnit(db: Db, ctx: Ctx, unitId: string) {
  const [unit] = await db.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit || !covers(scopeOf(ctx.principal, 'assets:read'), unit.path)) throw notFound();
  return unit;
}

/**
 * The conditions of a ledger list or export: the reader's visibility (scope and need-to-know, applied in SQL)
 * and the filters, with the path of the filtered unit. The need-to-know classes are those of the scheme that
 * applies to the filtered unit (the group's when none is given).
 */
async function ledgerConditions(db: Db, ctx: Ctx, q: LedgerFilters): Promise<{ where: SQL; unitPath: string | null }> {
  const unit = q.unitId ? await readableUnit(db, ctx, q.unitId) : null;
  const scheme = (await effectiveSetting(db, classificationSetting, unit?.id ?? null)).value;
  const conds: (SQL | undefined)[] = [visibleAssetsSql(ctx, scheme)];
  if (unit) conds.push(sql`${assets.unitPath} LIKE ${escapeLike(unit.path) + '%'}`);
  if (q.classCode) conds.push(eq(assets.classCode, q.classCode));
  if (q.kind) conds.push(eq(assets.kind, q.kind));
  if (q.ownerId) conds.push(eq(assets.ownerId, q.ownerId));
  if (q.personalData !== undefined) conds.push(eq(assets.personalData, q.personalData));
  if (q.partnerId)
    conds.push(
      sql`${assets.id} IN (SELECT ${assetPartners.assetId} FROM ${assetPartners} WHERE ${assetPartners.partnerId} = ${q.partnerId})`,
    );
  if (q.status !== 'all') conds.push(eq(assets.status, q.status));
  if (q.q) conds.push(sql`${assets.searchText} ILIKE ${'%' + escapeLike(q.q) + '%'}`);
  return { where: and(...conds)!, unitPath: unit?.path ?? null };
}

export const ledgerWhere = async (db: Db, ctx: Ctx, q: LedgerFilters): Promise<SQL> => (await ledgerConditions(db, ctx, q)).where;

/**
 * `GET /api/assets`: by unit then name (ledger/order.ts), keyset pages of at most 500, the count on request. A text
 * search reads the entries of the query's rarest bigram in that same order (ledger/search.ts), so a page costs
 * about as many entries as it skips, however few units hold the word.
 */
export async function listAssets(ctx: Ctx, q: AssetListQuery) {
  const { where, unitPath } = await ledgerConditions(ctx.db, ctx, q);
  const after = q.cursor ? decodeCursor(q.cursor, LedgerCursor) : null;
  const range = pathRange(ctx, unitPath);
  const bigram = q.q ? await rarestBigram(ctx.db, q.q, range) : null;
  if (bigram?.n === 0) return q.total ? { items: [], nextCursor: null, total: 0 } : { items: [], nextCursor: null };
  const rows = bigram
    ? await searchPage(ctx.db, bigram.token, range, where, after, q.limit + 1)
    : await ledgerRows(ctx.db, ledgerRange(after ? and(where, afterKey(after))! : where, q.limit + 1));
  const page = pageOf(rows, q.limit, presentPageRow, ledgerKey);
  if (!q.total) return page;
  const counted = bigram ? and(where, holdsBigram(bigram.token, range)) : where;
  const [n] = await ctx.db.select({ n: count() }).from(assets).where(counted);
  return { ...page, total: Number(n?.n ?? 0) };
}

import type { ClassificationScheme } from '@mamori/contracts';
import { sql, type SQL } from 'drizzle-orm';
import { covers, scopeOf, scopeSql } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import type { Ctx } from '../../../platform/tx';
import { assets } from '../tables';

/**
 * Who sees which asset (docs/fragments/assets-core.md, "need-to-know"):
 * - assets:read in a scope covering the asset's unit sees it — except
 * - an asset of the scheme's top rank (極秘), which only its owner and holders of assets:manage whose scope covers
 *   the asset see, in lists and on its page.
 * Reads of an asset of rank ≥ `auditReadsFromRank` (極秘, 秘) are audited (ledger/records.ts).
 */
export const topRankCodes = (scheme: ClassificationScheme): string[] => {
  const top = Math.max(...scheme.classes.map((c) => c.rank));
  return scheme.classes.filter((c) => c.rank === top).map((c) => c.code);
};

const NOBODY = '00000000-0000-0000-0000-000000000000';

/** The reader's own person (the owner of an asset is a person), as a SQL value. */
const myPersonSql = (ctx: Ctx): SQL =>
  sql`(SELECT ${users.personId} FROM ${users} WHERE ${users.id} = ${ctx.principal?.userId ?? NOBODY})`;

/** The visibility rule as one SQL condition on `assets` (applied inside every list query). */
export function visibleAssetsSql(ctx: Ctx, scheme: ClassificationScheme): SQL {
  const read = scopeOf(ctx.principal, 'assets:read');
  const manage = scopeOf(ctx.principal, 'assets:manage');
  const top = topRankCodes(scheme);
  const needToKnow = top.length
    ? sql`(${assets.classCode} NOT IN (${sql.join(
        top.map((c) => sql`${c}`),
        sql`, `,
      )}) OR ${scopeSql(manage, assets.unitPath)} OR ${assets.ownerId} = ${myPersonSql(ctx)})`
    : sql`true`;
  return sql`(${scopeSql(read, assets.unitPath)} AND ${needToKnow})`;
}

export interface SeenAsset {
  unitPath: string;
  classCode: string;
  ownerId: string;
}

/** The same rule for one loaded asset; `myPersonId` is the reader's person (null when the account has none). */
export function canSee(ctx: Ctx, scheme: ClassificationScheme, asset: SeenAsset, myPersonId: string | null): boolean {
  if (!covers(scopeOf(ctx.principal, 'assets:read'), asset.unitPath)) return false;
  if (!topRankCodes(scheme).includes(asset.classCode)) return true;
  return covers(scopeOf(ctx.principal, 'assets:manage'), asset.unitPath) || (myPersonId !== null && asset.ownerId === myPersonId);
}

export const canManage = (ctx: Ctx, asset: { unitPath: string }) =>
  covers(scopeOf(ctx.principal, 'assets:manage'), asset.unitPath);

import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { covers, scopeOf, scopeSql } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { notFound } from '../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../platform/tx';
import { orgUnits, people } from '../org/tables';

/** Active internal accounts due for review: person left, moved since the last review, or no person (yearly). */
export const needsReview = () =>
  and(
    eq(users.status, 'active'),
    eq(users.kind, 'internal'),
    or(
      isNull(users.personId),
      eq(people.status, 'left'),
      sql`${people.changedAt} > coalesce(${users.reviewedAt}, ${users.createdAt})`,
    ),
    // a reviewed account without a person stays confirmed until it is reviewed again a year later
    or(sql`${users.personId} IS NOT NULL`, isNull(users.reviewedAt), sql`${users.reviewedAt} < now() - interval '365 days'`),
  );

/**
 * The ID review (2-4-1): active accounts whose person has left, or moved since the account was last
 * reviewed, and internal accounts tied to no person. The responsible person confirms or disables each.
 */
export async function idReview(ctx: Ctx) {
  const scope = scopeOf(ctx.principal, 'accounts:approve');
  const rows = await ctx.db
    .select({
      accountId: users.id,
      email: users.email,
      userName: users.name,
      personName: people.nameEn,
      personStatus: people.status,
      changedAt: people.changedAt,
      orgUnitName: orgUnits.nameEn,
      orgUnitNameJa: orgUnits.nameJa,
    })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .leftJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(and(scopeSql(scope, orgUnits.path), needsReview()))
    .orderBy(users.email)
    .limit(2000);
  return {
    items: rows.map((r) => ({
      accountId: r.accountId,
      email: r.email,
      personName: r.personName ?? r.userName,
      reason: r.personName === null ? ('no_person' as const) : r.personStatus === 'left' ? ('left' as const) : ('moved' as const),
      orgUnitName: r.orgUnitName,
      orgUnitNameJa: r.orgUnitNameJa,
      changedAt: r.changedAt?.toISOString() ?? null,
    })),
  };
}

/** Confirms that an account under review is still needed as it is. */
export function confirmReview(ctx: Ctx, accountId: string, comment: string | undefined) {
  const scope = scopeOf(ctx.principal, 'accounts:approve');
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .select({ id: users.id, path: orgUnits.path, status: people.status })
      .from(users)
      .leftJoin(people, eq(people.id, users.personId))
      .leftJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
      .where(eq(users.id, accountId));
    if (!row || !covers(scope, row.path)) throw notFound('The account');
    await tx.update(users).set({ reviewedAt: new Date() }).where(eq(users.id, accountId));
    await audit({
      action: 'account.review-confirm',
      targetType: 'user',
      targetId: accountId,
      orgPath: row.path,
      after: { comment },
    });
  });
}

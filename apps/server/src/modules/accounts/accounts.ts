import { z } from 'zod';
import type { AccountListQuery } from '@mamori/contracts';
import { and, asc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { covers, escapeLike, scopeOf, scopeSql, type Scope } from '../../platform/access/scope';
import { apiTokens, sessions, users } from '../../platform/auth/tables';
import { notFound } from '../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../platform/http/cursor';
import { getSettings } from '../../platform/settings/service';
import { loadForUpdate, loadManyForUpdate } from '../../platform/records/lock';
import { inTransaction, type Audit, type Ctx } from '../../platform/tx';
import { orgUnits, people } from '../org/tables';
import { lockAdministrators, refuseIfNoAdminLeft } from './last-admin';

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  status: users.status,
  kind: users.kind,
  personId: users.personId,
  orgUnitId: people.orgUnitId,
  orgPath: orgUnits.path,
  mfaEnabled: users.mfaEnabled,
  lastActiveAt: users.lastActiveAt,
  lockedUntil: users.lockedUntil,
  createdAt: users.createdAt,
};
type Row = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] | null } & {
  id: string;
  email: string;
  createdAt: Date;
};

const selectAccounts = (db: Db) =>
  db
    .select(columns)
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .leftJoin(orgUnits, eq(orgUnits.id, people.orgUnitId));

/** Inactive: no activity (or, never used, no activity since creation) for `days`. */
const inactiveSince = (days: number) => new Date(Date.now() - days * 86_400_000);
const isInactive = (r: Pick<Row, 'lastActiveAt' | 'createdAt'>, cutoff: Date) => (r.lastActiveAt ?? r.createdAt) < cutoff;

const present = (cutoff: Date) => (r: Row) => ({
  id: r.id,
  email: r.email,
  name: r.name ?? '',
  status: r.status ?? 'active',
  kind: r.kind ?? 'internal',
  personId: r.personId,
  orgUnitId: r.orgUnitId,
  mfaEnabled: r.mfaEnabled ?? false,
  lastActiveAt: r.lastActiveAt?.toISOString() ?? null,
  inactive: isInactive(r, cutoff),
  lockedUntil: r.lockedUntil && r.lockedUntil > new Date() ? r.lockedUntil.toISOString() : null,
  createdAt: r.createdAt.toISOString(),
});

export async function listAccounts(ctx: Ctx, q: z.infer<typeof AccountListQuery>) {
  const cutoff = inactiveSince((await getSettings(ctx.db)).inactiveDays);
  const where: (SQL | undefined)[] = [scopeSql(scopeOf(ctx.principal, 'accounts:read'), orgUnits.path)];
  if (q.status) where.push(eq(users.status, q.status));
  if (q.inactive === 'true') where.push(lt(sql`coalesce(${users.lastActiveAt}, ${users.createdAt})`, cutoff));
  if (q.inactive === 'false') where.push(sql`coalesce(${users.lastActiveAt}, ${users.createdAt}) >= ${cutoff}`);
  if (q.q) {
    const pattern = `%${escapeLike(q.q.toLowerCase())}%`;
    where.push(or(sql`${users.email} LIKE ${pattern}`, sql`${users.name} ILIKE ${pattern}`));
  }
  if (q.cursor) {
    const [email] = decodeCursor(q.cursor, z.tuple([CursorPart.text(500)]));
    where.push(gt(users.email, email));
  }
  const rows = await selectAccounts(ctx.db)
    .where(and(...where))
    .orderBy(asc(users.email))
    .limit(q.limit + 1);
  return pageOf(rows as Row[], q.limit, present(cutoff), (r) => [r.email]);
}

export async function loadAccounts(db: Db, scope: Scope, ids: string[]) {
  const rows = (await selectAccounts(db).where(inArray(users.id, ids))) as Row[];
  if (rows.length !== new Set(ids).size || rows.some((r) => !covers(scope, r.orgPath))) throw notFound('An account');
  return rows;
}

export async function getAccount(ctx: Ctx, id: string) {
  const cutoff = inactiveSince((await getSettings(ctx.db)).inactiveDays);
  const [row] = await loadAccounts(ctx.db, scopeOf(ctx.principal, 'accounts:read'), [id]);
  return present(cutoff)(row!);
}

/** Disables accounts (all listed, or none if any is unknown or out of scope); their sessions end at once. */
export function disableAccounts(ctx: Ctx, ids: string[], reason: string) {
  const scope = scopeOf(ctx.principal, 'accounts:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const admins = await lockAdministrators(tx); // first: the last administrator is never disabled (last-admin.ts)
    // Locked (in id order): the status read here decides what is disabled and is the audit's "before".
    await loadManyForUpdate(tx, users, users.id, ids);
    const rows = await loadAccounts(tx, scope, ids);
    const active = rows.filter((r) => r.status === 'active' && r.id !== ctx.principal?.userId);
    return { disabled: await disableRows(tx, audit, admins, active, reason) };
  });
}

/**
 * The leaver step, in the caller's transaction (provisioning: SCIM `active: false`): disables the account, ends its
 * sessions and revokes its API tokens, audited `account.disable`. The last active administrator is never disabled.
 * Returns false when the account was already disabled.
 */
export async function disableAccountIn(tx: Db, audit: Audit, id: string, reason: string): Promise<boolean> {
  const admins = await lockAdministrators(tx);
  await loadManyForUpdate(tx, users, users.id, [id]);
  const rows = await loadAccounts(tx, { kind: 'all' }, [id]);
  return (
    (await disableRows(
      tx,
      audit,
      admins,
      rows.filter((r) => r.status === 'active'),
      reason,
    )) > 0
  );
}

async function disableRows(tx: Db, audit: Audit, admins: number, active: Row[], reason: string): Promise<number> {
  if (!active.length) return 0;
  const activeIds = active.map((r) => r.id);
  await tx
    .update(users)
    .set({ status: 'disabled', disabledReason: reason, updatedAt: new Date() })
    .where(inArray(users.id, activeIds));
  await refuseIfNoAdminLeft(tx, admins);
  await tx.delete(sessions).where(inArray(sessions.userId, activeIds));
  await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(inArray(apiTokens.userId, activeIds), isNull(apiTokens.revokedAt)));
  await audit.many(
    active.map((r) => ({
      action: 'account.disable',
      targetType: 'user',
      targetId: r.id,
      orgPath: r.orgPath,
      before: { status: 'active' },
      after: { status: 'disabled', reason },
    })),
  );
  return active.length;
}

export function enableAccount(ctx: Ctx, id: string) {
  const scope = scopeOf(ctx.principal, 'accounts:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await loadForUpdate(tx, users, id, () => loadAccounts(tx, scope, [id]));
    await enableRow(tx, audit, row!);
  });
}

/** Enables a disabled account in the caller's transaction (provisioning: SCIM `active: true`); false if it was active. */
export async function enableAccountIn(tx: Db, audit: Audit, id: string): Promise<boolean> {
  const [row] = await loadForUpdate(tx, users, id, () => loadAccounts(tx, { kind: 'all' }, [id]));
  return enableRow(tx, audit, row!);
}

async function enableRow(tx: Db, audit: Audit, row: Row): Promise<boolean> {
  if (row.status === 'active') return false;
  const id = row.id;
  // A re-enabled account starts a new inactivity period, or it would be flagged again at once.
  await tx
    .update(users)
    .set({
      status: 'active',
      disabledReason: null,
      lastActiveAt: new Date(),
      failedSignIns: 0,
      lockedUntil: null,
      updatedAt: new Date(),
    })
    .where(eq(users.id, id));
  await audit({
    action: 'account.enable',
    targetType: 'user',
    targetId: id,
    orgPath: row.orgPath,
    before: { status: 'disabled' },
    after: { status: 'active' },
  });
  return true;
}

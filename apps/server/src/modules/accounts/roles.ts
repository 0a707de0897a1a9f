import { z } from 'zod';
import {
  COMPANY_ROLES,
  EXTERNAL_ROLES,
  GROUP_WIDE_ROLES,
  type CreateRoleAssignmentBody,
  type RoleAssignmentListQuery,
} from '@mamori/contracts';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { covers, scopeOf, scopeSql } from '../../platform/access/scope';
import { roleAssignments, users } from '../../platform/auth/tables';
import { AppError, conflict, fieldError, invalid, notFound, msg } from '../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../platform/http/cursor';
import { inTransaction, type Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { loadAccounts } from './accounts';
import { lockAdministrators, refuseIfNoAdminLeft } from './last-admin';

const select = (db: Db) =>
  db
    .select({
      id: roleAssignments.id,
      userId: roleAssignments.userId,
      userEmail: users.email,
      role: roleAssignments.role,
      orgUnitId: roleAssignments.orgUnitId,
      orgUnitName: orgUnits.nameEn,
      orgUnitNameJa: orgUnits.nameJa,
      orgPath: orgUnits.path,
      createdAt: roleAssignments.createdAt,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgUnitId));

type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];
const present = ({ orgPath: _path, ...r }: Row) => ({
  ...r,
  role: r.role as z.infer<typeof CreateRoleAssignmentBody>['role'],
  createdAt: r.createdAt.toISOString(),
});

/** Assignments whose scope lies inside the reader's roles:read scope (group-wide ones only for group-wide readers). */
export async function listAssignments(ctx: Ctx, q: z.infer<typeof RoleAssignmentListQuery>) {
  const where: (SQL | undefined)[] = [scopeSql(scopeOf(ctx.principal, 'roles:read'), orgUnits.path)];
  if (q.userId) where.push(eq(roleAssignments.userId, q.userId));
  if (q.cursor) where.push(gt(roleAssignments.id, decodeCursor(q.cursor, z.tuple([CursorPart.uuid]))[0]));
  const rows = await select(ctx.db)
    .where(and(...where))
    .orderBy(asc(roleAssignments.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, present, (r) => [r.id]);
}

/**
 * Grants a role. The grantor's roles:assign scope must cover the new scope (a unit outside it: 400 naming
 * body.orgUnitId); group-wide roles take no unit; a company CISO or security office takes a company unit;
 * system_admin is granted only by a system_admin.
 */
export function assignRole(ctx: Ctx, body: z.infer<typeof CreateRoleAssignmentBody>) {
  const scope = scopeOf(ctx.principal, 'roles:assign');
  return inTransaction(ctx, async (tx, audit) => {
    await loadAccounts(tx, scopeOf(ctx.principal, 'accounts:read'), [body.userId]).catch(() => {
      throw invalid([{ path: 'body.userId', message: 'unknown or outside your scope' }]);
    });
    const [target] = await tx.select({ kind: users.kind }).from(users).where(eq(users.id, body.userId));
    if (EXTERNAL_ROLES.includes(body.role) !== (target?.kind === 'partner'))
      throw invalid([
        { path: 'body.role', message: 'partner accounts hold only partner roles, internal accounts only internal roles' },
      ]);
    if (GROUP_WIDE_ROLES.includes(body.role) && body.orgUnitId)
      throw invalid([{ path: 'body.orgUnitId', message: `${body.role} is a group-wide role: leave the unit empty` }]);
    if (body.role === 'system_admin' && !ctx.principal!.grants.some((g) => g.role === 'system_admin'))
      throw new AppError('forbidden', msg('account.grant_admin'));
    let path: string | null = null;
    if (body.orgUnitId) {
      const [unit] = await tx
        .select({ path: orgUnits.path, kind: orgUnits.kind })
        .from(orgUnits)
        .where(eq(orgUnits.id, body.orgUnitId));
      if (!unit) throw invalid([{ path: 'body.orgUnitId', message: 'unknown unit' }]);
      // a company CISO or security office: on a company unit only (issue #22)
      if (COMPANY_ROLES.includes(body.role) && unit.kind !== 'company')
        throw invalid([fieldError('body.orgUnitId', 'group.role_needs_company', { role: body.role })]);
      path = unit.path;
    }
    if (!covers(scope, path)) {
      // a grantor scoped to a company (or site) who names a unit outside it: the field is named, nothing is granted
      if (path !== null && scope.kind === 'paths') throw invalid([fieldError('body.orgUnitId', 'group.role_scope_outside')]);
      throw new AppError('forbidden', msg('account.scope_wider'));
    }
    const [row] = await tx
      .insert(roleAssignments)
      .values({ ...body, createdBy: ctx.principal!.userId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(msg('account.role_exists'));
    await audit({ action: 'role.assign', targetType: 'role_assignment', targetId: row.id, orgPath: path, after: row });
    const [joined] = await select(tx).where(eq(roleAssignments.id, row.id));
    return present(joined!);
  });
}

export function removeAssignment(ctx: Ctx, id: string) {
  const scope = scopeOf(ctx.principal, 'roles:assign');
  return inTransaction(ctx, async (tx, audit) => {
    const admins = await lockAdministrators(tx); // before any row: who is an administrator is read below
    const [row] = await tx
      .select({ a: roleAssignments, path: orgUnits.path })
      .from(roleAssignments)
      .leftJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgUnitId))
      .where(eq(roleAssignments.id, id));
    if (!row || !covers(scope, row.path)) throw notFound('The role assignment');
    if (row.a.role === 'system_admin' && row.a.userId === ctx.principal!.userId) throw conflict(msg('account.remove_own_admin'));
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, id));
    if (row.a.role === 'system_admin') await refuseIfNoAdminLeft(tx, admins);
    await audit({ action: 'role.remove', targetType: 'role_assignment', targetId: id, orgPath: row.path, before: row.a });
  });
}
